// One direct session with one resource of a contact: the Jingle session (XEP-0166) that sets it up through the
// server, the browser's RTCPeerConnection with the servers our server named, and the data channel that carries
// message stanzas. It counts the message stanzas each way and acknowledges those it takes (XEP-0198's <a/>); it knows
// nothing of routes or of which message a count stands for: direct.js decides what goes over it.
import xml from "@xmpp/xml";
import { parseStanza } from "./connectors.js";
import { JINGLE, content, fromSdp, sessionTerminate, toSdp } from "./jingle.js";

/**
 * Whether this browser has WebRTC: a browser without it (or with it switched off by policy) has no direct path, so the
 * page neither advertises the data channel transport nor tries one.
 */
export const WEBRTC = typeof RTCPeerConnection === "function";
/** Candidates are sent all at once (no trickle), after gathering ends or after this long, whichever comes first. */
const GATHER_TIMEOUT_MS = 5000;
/**
 * Gathering counts as ended when no candidate came for this long after the last one: a STUN or TURN answer takes a
 * round trip or two to a server that is normally near, host candidates come at once.
 */
const GATHER_QUIET_MS = 500;
/** The largest stanza taken from a contact's data channel, as the desktop client's direct streams (256 KiB). */
const MAX_STANZA_BYTES = 256 * 1024;
/** The o= line's session id of the SDP made from the contact's transport; the browser only checks it is a number. */
const SDP_SESSION_ID = 1;
/**
 * How often the path is looked at again while the channel is open: the browser may open the channel over the first
 * pair that works (a relay, say) and move to a better one a moment later, once checks through the NATs succeed.
 */
const PATH_CHECK_MS = 1000;
/** The data channel's label; reliable and in order, as XEP-0343 requires. */
const CHANNEL_LABEL = "xmpp";
/**
 * Sent on the channel when our browser moves the session to another candidate pair. The contact's browser, on the
 * controlled side of ICE, keeps sending on the pair that last brought it data, even after ours has nominated a
 * better one: until something arrives on the new pair, the contact goes on relaying through TURN and shows that
 * route (Chromium: until the data channel's next heartbeat, 30 s). A whitespace keepalive, as XMPP streams allow
 * between stanzas (RFC 6120, 4.6.1), is the smallest thing that makes it follow; the contact drops it unparsed. Sent
 * when the channel opens too, since the pair may have changed while it was opening.
 */
const PAIR_CHANGE_KEEPALIVE = " ";
/** Stream Management (XEP-0198): its <a h='N'/> says that the first N message stanzas on the channel were handled. */
const SM_NS = "urn:xmpp:sm:3";
/** The namespace of the stanzas a channel carries, as on a client's stream (RFC 6120). */
export const CLIENT_NS = "jabber:client";
/**
 * How long the acknowledgement of a message stanza taken from the channel waits, so that one <a/> answers every stanza
 * that came meanwhile, as TCP's and SCTP's delayed acknowledgements do: a contact who answers at once has the answer in
 * flight before it, and in a quick exchange one acknowledgement stands for dozens of messages instead of each message
 * costing a second one each way (both browsers' work per message is what a round trip waits for). A tenth of a second
 * is too short for a reader to see the delivery mark come late: a thirtieth of the default acknowledgement timeout,
 * and a tenth of the shortest one a page takes (MIN_ACK_TIMEOUT_MS, direct.js).
 */
export const ACK_DELAY_MS = 100;

export class Link extends EventTarget {
  /**
   * @param initiator whether we offer the session (else we answer the contact's offer)
   * @param iceServers the browser's RTCIceServer list (from XEP-0215)
   */
  constructor(session, peer, sid, initiator, iceServers) {
    super();
    this.session = session;
    this.peer = peer;
    this.sid = sid;
    this.initiator = initiator;
    this.opened = false;
    this.closed = false;
    /** Message stanzas sent on the channel, taken from it, and of ours the contact acknowledged (XEP-0198 counts). */
    this.sent = 0;
    this.handled = 0;
    this.acknowledged = 0;
    this.ackTimer = null;
    this.pc = new RTCPeerConnection({ iceServers });
    this.pc.addEventListener("connectionstatechange", () => {
      if (this.pc.connectionState === "failed") this.close("the direct connection failed", true);
    });
  }

  /** Offers the session: our SDP offer as a session-initiate. */
  async offer() {
    this.#use(this.pc.createDataChannel(CHANNEL_LABEL, { ordered: true }));
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await this.#sendJingle("session-initiate", await this.#gathered());
  }

  /** The contact accepted our offer: its transport becomes the browser's remote answer. */
  async accepted(transport) {
    await this.pc.setRemoteDescription({ type: "answer", sdp: toSdp(transport, SDP_SESSION_ID) });
  }

  /** Answers the contact's offer with a session-accept. */
  async answer(transport) {
    this.pc.addEventListener("datachannel", (event) => this.#use(event.channel));
    await this.pc.setRemoteDescription({ type: "offer", sdp: toSdp(transport, SDP_SESSION_ID) });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.#sendJingle("session-accept", await this.#gathered());
  }

  /**
   * Sends one message stanza; its number on the channel (1 for the first), which the contact's acknowledgements count
   * up to, or 0 when the channel is not open (the caller then takes the server).
   */
  sendStanza(text) {
    if (!this.#send(text)) return 0;
    this.sent += 1;
    return this.sent;
  }

  #send(text) {
    if (this.closed || !this.channel || this.channel.readyState !== "open") return false;
    try {
      this.channel.send(text);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The browser's selected candidate pair: its stats id, and its path, how it reaches the contact, judged by the less
   * direct of its two candidates, as the desktop client does: "host" (no NAT between), "srflx" (through NATs) or
   * "relay" (through TURN).
   */
  async #selectedPair() {
    const stats = await this.pc.getStats();
    let pair = null;
    stats.forEach((report) => {
      if (report.type === "transport" && report.selectedCandidatePairId) pair = stats.get(report.selectedCandidatePairId);
    });
    if (!pair) {
      stats.forEach((report) => {
        if (report.type === "candidate-pair" && report.nominated && report.state === "succeeded") pair = report;
      });
    }
    const types = pair ? [stats.get(pair.localCandidateId), stats.get(pair.remoteCandidateId)]
      .map((candidate) => (candidate ? candidate.candidateType : "")) : [];
    let path = "srflx";
    if (types.includes("relay")) path = "relay";
    else if (types.length && types.every((type) => type === "host")) path = "host";
    return { id: pair ? pair.id : null, path };
  }

  /** Ends the session once; tells the contact when {@code tellPeer}, and dispatches "closed" with the reason. */
  close(reason, tellPeer) {
    if (this.closed) return;
    // What was taken is shown (the conversation shows a stanza while it is dispatched), so the contact learns it
    // arrived rather than sending it again through the server.
    if (this.ackTimer) this.#acknowledge();
    this.closed = true;
    clearInterval(this.pathTimer);
    if (tellPeer && this.session.connector) {
      this.session.request(sessionTerminate(this.peer, this.sid, this.opened ? "success" : "connectivity-error", reason))
        .catch(() => {});
    }
    this.pc.close();
    this.dispatchEvent(new CustomEvent("closed", { detail: { reason } }));
  }

  /** The session's one data channel; a further one the contact opens is left alone, and the session opens once. */
  #use(channel) {
    if (this.channel) return;
    this.channel = channel;
    channel.addEventListener("open", async () => {
      if (this.opened) return;
      this.opened = true;
      const selected = await this.#selectedPair();
      if (this.closed) return;
      this.lastPairId = selected.id;
      this.lastPath = selected.path;
      this.#send(PAIR_CHANGE_KEEPALIVE);
      this.pathTimer = setInterval(() => this.#checkPath(), PATH_CHECK_MS);
      this.dispatchEvent(new CustomEvent("open", { detail: { path: this.lastPath } }));
    });
    channel.addEventListener("close", () => this.close("the data channel closed", true));
    channel.addEventListener("message", (event) => this.#received(event.data));
  }

  async #checkPath() {
    let selected;
    try {
      selected = await this.#selectedPair();
    } catch {
      return; // closed meanwhile: the stats of a closed connection are refused
    }
    if (this.closed) return;
    const { id, path } = selected;
    if (id !== this.lastPairId) {
      this.lastPairId = id;
      this.#send(PAIR_CHANGE_KEEPALIVE);
    }
    if (path !== this.lastPath) {
      this.lastPath = path;
      this.dispatchEvent(new CustomEvent("path", { detail: { path } }));
    }
  }

  #received(data) {
    if (this.closed) return;
    if (typeof data !== "string" || data.length > MAX_STANZA_BYTES) {
      this.close("the contact sent something that is not a stanza or is too large", true);
      return;
    }
    if (data.trim() === "") return; // a keepalive
    const stanza = parseStanza(data);
    const namespace = stanza && stanza.getNS();
    if (stanza && stanza.name === "a" && namespace === SM_NS) {
      this.#acknowledgedUpTo(stanza.attrs.h === undefined ? null : String(stanza.attrs.h));
      return;
    }
    if (!stanza || stanza.name !== "message" || (namespace && namespace !== CLIENT_NS)) return;
    this.handled += 1;
    this.dispatchEvent(new CustomEvent("stanza", { detail: { stanza } }));
    this.ackTimer ||= setTimeout(() => this.#acknowledge(), ACK_DELAY_MS);
  }

  #acknowledge() {
    clearTimeout(this.ackTimer);
    this.ackTimer = null;
    this.#send(`<a xmlns="${SM_NS}" h="${this.handled}"/>`);
  }

  /** The contact has handled our first {@code h} message stanzas; a count beyond what we sent ends the session. */
  #acknowledgedUpTo(h) {
    const count = Number(h);
    if (!/^[0-9]+$/.test(h || "") || count > this.sent) {
      this.close("the contact acknowledged " + (h === null ? "without a count" : h + " messages of " + this.sent)
        + " sent", true);
      return;
    }
    if (count <= this.acknowledged) return;
    this.acknowledged = count;
    this.dispatchEvent(new CustomEvent("acknowledged", { detail: { count } }));
  }

  /**
   * Our transport once the browser has gathered its candidates: when it says it is done, when no new candidate came
   * for a while after the last one (Chromium keeps gathering on idle interfaces for many seconds), or at the latest
   * after the gathering timeout.
   */
  #gathered() {
    return new Promise((resolve) => {
      let quiet = null;
      const done = () => {
        clearTimeout(timer);
        clearTimeout(quiet);
        this.pc.removeEventListener("icegatheringstatechange", check);
        this.pc.removeEventListener("icecandidate", candidate);
        resolve(fromSdp(this.pc.localDescription.sdp));
      };
      const check = () => {
        if (this.pc.iceGatheringState === "complete") done();
      };
      const candidate = () => {
        clearTimeout(quiet);
        quiet = setTimeout(done, GATHER_QUIET_MS);
      };
      const timer = setTimeout(done, GATHER_TIMEOUT_MS);
      this.pc.addEventListener("icegatheringstatechange", check);
      this.pc.addEventListener("icecandidate", candidate);
      check();
    });
  }

  #sendJingle(action, transport) {
    // Closed while gathering (the contact's own offer replaced ours, say): offered now, it would reach a contact who
    // has moved on, who would take it for a new session and drop the one that replaced it.
    if (this.closed) return Promise.resolve();
    const roles = this.initiator ? { initiator: this.session.fullJid() } : { responder: this.session.fullJid() };
    return this.session.request(xml("iq", { type: "set", to: this.peer },
      xml("jingle", { xmlns: JINGLE.jingle, action, sid: this.sid, ...roles }, content(transport, "initiator"))));
  }
}
