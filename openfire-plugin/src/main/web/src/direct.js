// The route of each conversation, by the desktop client's rules. Between two web chat users who are mutual contacts
// a data channel is set up (link.js) while messages keep going through the server; a conversation switches to it
// once the server has delivered what it was given (receipts back, or a wait passed), so nothing is overtaken. Each
// direct message must be acknowledged in time (the channel's counted acknowledgements, link.js); what is not, or is
// left when the channel dies, goes again through the server with the same origin-id (XEP-0359), and the receiver
// shows it once. Strangers are never offered a session, and their offers are refused before anything is gathered, so
// they never see our candidates.
import xml from "@xmpp/xml";
import { JINGLE, readTransport, sessionTerminate } from "./jingle.js";
import { ACK_DELAY_MS, CLIENT_NS, Link, WEBRTC } from "./link.js";
import { NS, bareOf } from "./session.js";

/**
 * The defaults, each overridable with a data attribute of the script tag (README "Direct path"). Three seconds of
 * acknowledgement wait: many round trips even through a TURN relay, short enough that a message stuck on a dead path
 * reaches the contact through the server before the user wonders (the desktop client's default too).
 */
export const DIRECT_DEFAULTS = Object.freeze({
  ackTimeoutMs: 3000,
  /** After a failed or lost session; doubles with each further failure up to MAX_RETRY_DELAY_MS. */
  retryDelayMs: 15000,
  /** A receipt through the server that has not come back after this long is not waited for any more. */
  receiptWaitMs: 5000,
  /** From the offer to an open data channel: gathering (five seconds at most), signalling, ICE and DTLS. */
  setupTimeoutMs: 30000,
});
/**
 * The shortest acknowledgement timeout a page takes (a shorter data-direct-ack-timeout is ignored): ten times the
 * contact's acknowledgement delay, so that a delayed acknowledgement on a slow path is not taken for a lost one.
 */
export const MIN_ACK_TIMEOUT_MS = 10 * ACK_DELAY_MS;
/** Five minutes: a pair of networks that never lets a session through is tried a dozen times an hour, not more. */
const MAX_RETRY_DELAY_MS = 300000;
/**
 * A contact's resource that gave no answer about its features is asked once more after this long, within the same
 * attempt: Openfire 4.2.0 refuses a query to a client that has only just come online, for the few milliseconds before
 * it makes the client's session routable, and the user who writes at that moment should still go direct.
 */
const FEATURES_ASKED_AGAIN_AFTER_MS = 1000;

export class Direct extends EventTarget {
  constructor(session, settings) {
    super();
    this.session = session;
    this.settings = { ...DIRECT_DEFAULTS, ...settings };
    this.subscriptions = new Map();
    /** Per contact, its available resources and, once asked, whether each can have a data channel. */
    this.resources = new Map();
    this.conversations = new Map();
    /** Open and starting sessions by sid. */
    this.links = new Map();
    const on = (name, handler) => session.addEventListener(name, (event) => handler(event.detail));
    on("contact", (item) => this.#onContact(item));
    on("presence", (presence) => this.#onPresence(presence));
    on("message", (message) => this.conversation(message.jid).arrived(message, "server"));
    on("receipt", (receipt) => this.conversation(receipt.jid).acknowledged(receipt.id));
    on("jingle", ({ stanza, jingle }) => this.#onJingle(stanza, jingle));
    on("disconnected", () => this.close(false));
  }

  conversation(jid) {
    let conversation = this.conversations.get(jid);
    if (!conversation) {
      conversation = new Conversation(this, jid);
      this.conversations.set(jid, conversation);
    }
    return conversation;
  }

  /** Sends on the conversation's current route; returns the message's id and the route it took. */
  send(jid, text) {
    return this.conversation(jid).send(text);
  }

  /** Only a mutual contact (each sees the other's presence) gets or may offer a session, as on the desktop. */
  isMutual(jid) {
    return this.subscriptions.get(jid) === "both";
  }

  /** A resource of the contact that supports WebRTC data channels in Jingle, or null. */
  async capableResource(jid) {
    const known = this.resources.get(jid) || new Map();
    for (const full of [...known.keys()]) {
      // Asked once per resource, when a conversation first needs it; a question that got no answer is asked once
      // more soon, and again at the next attempt if that got none either.
      if (!known.has(full)) continue; // gone offline while an earlier one was asked
      const asked = known.get(full) || this.#askFeatures(full);
      known.set(full, asked);
      const features = await asked;
      if (features === null && known.get(full) === asked) known.set(full, null);
      if (features && features.has(JINGLE.dataChannel)) return full;
    }
    return null;
  }

  async #askFeatures(full) {
    const first = await this.session.features(full);
    if (first !== null) return first;
    await new Promise((resolve) => setTimeout(resolve, FEATURES_ASKED_AGAIN_AFTER_MS));
    return this.session.features(full);
  }

  /** Logging out (resend: what is unacknowledged goes through the server first) or the connection is gone. */
  close(resend) {
    for (const conversation of this.conversations.values()) conversation.end(resend ? "logging out" : null);
    this.conversations.clear();
    this.resources.clear();
    this.subscriptions.clear();
  }

  #onContact({ jid, subscription }) {
    this.subscriptions.set(jid, subscription);
    if (subscription !== "both" && this.conversations.has(jid)) {
      this.conversations.get(jid).end("the contact is no longer a mutual contact");
    }
  }

  #onPresence({ jid, resource, show }) {
    const full = jid + "/" + resource;
    const known = this.resources.get(jid) || new Map();
    this.resources.set(jid, known);
    if (show === "unavailable") {
      known.delete(full);
      const conversation = this.conversations.get(jid);
      if (conversation) conversation.peerLeft(full);
    } else if (!known.has(full) && resource) {
      known.set(full, null);
    }
  }

  #onJingle(stanza, jingle) {
    const from = stanza.attrs.from || "";
    const action = jingle.attrs.action;
    const sid = jingle.attrs.sid || "";
    if (action === "session-initiate") {
      const jid = bareOf(from);
      if (!this.isMutual(jid)) {
        // As if no such client were online: a stranger learns nothing, not even that we are here.
        this.session.answer(stanza, "service-unavailable");
        return;
      }
      if (!WEBRTC) {
        this.session.answer(stanza, "feature-not-implemented");
        return;
      }
      const transport = readTransport(jingle);
      if (!transport || !sid || this.links.has(sid)) {
        this.session.answer(stanza, transport ? "conflict" : "feature-not-implemented");
        return;
      }
      this.session.answer(stanza);
      this.conversation(jid).offered(from, sid, transport);
      return;
    }
    const link = this.links.get(sid);
    if (!link || link.peer !== from) {
      this.session.answer(stanza, "item-not-found");
      return;
    }
    this.session.answer(stanza);
    if (action === "session-accept" && link.initiator) {
      const transport = readTransport(jingle);
      if (transport) link.accepted(transport).catch((problem) => link.close(problem.message, true));
      else link.close("the contact's answer has no data channel transport", true);
    } else if (action === "session-terminate") {
      link.close("the contact ended the direct session", false);
    }
  }
}

/** One contact's messages and their route: "server", or "direct" / "relay" once a data channel carries them. */
class Conversation {
  constructor(direct, jid) {
    this.direct = direct;
    this.session = direct.session;
    this.jid = jid;
    this.route = "server";
    this.link = null;
    this.attempt = null;
    this.path = "";
    /** Sent on the current link, not yet acknowledged, in sending order: id to {text, timer, count}. */
    this.unacknowledged = new Map();
    /** Sent through the server, receipt not yet back: id to sending time. */
    this.throughServer = new Map();
    this.seen = new Set();
    this.failures = 0;
    this.nextAttempt = 0;
    this.gateTimer = null;
  }

  send(text) {
    const id = this.session.uniqueId();
    if (this.route !== "server") {
      const link = this.link;
      const count = link.sendStanza(directMessage(link.peer, this.session.fullJid(), id, text));
      if (count) {
        const timer = setTimeout(() => this.#acknowledgementDue(link, id), this.direct.settings.ackTimeoutMs);
        this.unacknowledged.set(id, { text, timer, count });
        return { id, route: this.route };
      }
      this.#linkEnded(link, "the data channel is closed");
    }
    this.#sendThroughServer(id, text);
    this.#startAttemptIfDue();
    return { id, route: "server" };
  }

  /**
   * A chat message from the contact, through the server or (via) a data channel: shown once per origin-id. A message
   * without one is always shown: only an origin-id is meant to be unique (a stanza id is optional, and a client may
   * reuse one after reconnecting).
   */
  arrived(message, via) {
    if (message.originId) {
      if (this.seen.has(message.originId)) return;
      this.seen.add(message.originId);
    }
    this.direct.dispatchEvent(new CustomEvent("message", { detail: { ...message, route: message.route || via } }));
  }

  /** A receipt through the server, or the channel's acknowledgement, of message {@code id}. */
  acknowledged(id) {
    const sent = this.unacknowledged.get(id);
    if (sent) clearTimeout(sent.timer);
    this.unacknowledged.delete(id);
    if (this.throughServer.delete(id)) this.#openGateIfClear();
    this.direct.dispatchEvent(new CustomEvent("receipt", { detail: { jid: this.jid, id } }));
  }

  /**
   * The contact offered a session: the lower full JID's offer stays when both offered at once. Our own attempt counts
   * as an offer from its start, while it still asks for the contact's resource and the servers: else it would go on
   * to offer a session of its own beside the one we answer, and the contact would drop one for the other.
   */
  async offered(from, sid, transport) {
    const own = this.attempt instanceof Link ? this.attempt.initiator : Boolean(this.attempt && this.attempt.own);
    if (own && this.session.fullJid() < from) {
      this.#terminate(from, sid, "both sides offered at once; the offer of the lower address stays");
      return;
    }
    // Held while the servers are asked for, so that no attempt of our own starts meanwhile, and set before our own
    // offer is closed, so that giving way does not count as a failed attempt.
    const replaced = this.attempt;
    const answering = {};
    this.attempt = answering;
    if (replaced instanceof Link) replaced.close("the contact's own offer replaces it", true);
    if (this.link) this.#linkEnded(this.link, "the contact offered a new session");
    const servers = await this.session.iceServers();
    if (this.attempt !== answering) return;
    const link = this.#newLink(from, sid, false, servers);
    link.answer(transport).catch((problem) => link.close(problem.message, true));
  }

  /** A resource of the contact went offline; if it held our session, the conversation returns to the server. */
  peerLeft(full) {
    for (const link of [this.link, this.attempt]) {
      if (link && link.peer === full) link.close("the contact went offline", false);
    }
  }

  /** Ends any session; {@code reason} null means the server is gone too, so nothing can be re-sent. */
  end(reason) {
    if (this.attempt instanceof Link) this.attempt.close(reason || "disconnected", Boolean(reason));
    // An attempt still looking for the contact's resource sees this and gives up.
    this.attempt = null;
    if (this.link && reason) this.#linkEnded(this.link, reason);
    else if (this.link) this.link.close("disconnected", false);
    clearTimeout(this.gateTimer);
  }

  async #startAttemptIfDue() {
    if (this.link || this.attempt || Date.now() < this.nextAttempt || !this.direct.isMutual(this.jid)) return;
    if (!WEBRTC) {
      this.nextAttempt = Infinity;
      this.#announce("server", "no direct session: this browser has no WebRTC");
      return;
    }
    // Our own attempt, before it is a session: an offer from the contact meanwhile is weighed against it.
    const token = { own: true };
    this.attempt = token;
    const resource = await this.direct.capableResource(this.jid);
    const servers = resource ? await this.session.iceServers() : [];
    if (this.attempt !== token) return;
    this.attempt = null;
    if (!resource) {
      // Not a web chat with data channels, offline, or not answering: try again after the plain delay. The reason is
      // only the route mark's title; the route itself stays the server's.
      this.nextAttempt = Date.now() + this.direct.settings.retryDelayMs;
      this.#announce("server", "no direct session: no resource of the contact said it can have a data channel");
      return;
    }
    const link = this.#newLink(resource, this.session.uniqueId() + "-" + Date.now().toString(36), true, servers);
    link.offer().catch((problem) => link.close(problem.message, true));
  }

  #newLink(peer, sid, initiator, servers) {
    const link = new Link(this.session, peer, sid, initiator, servers);
    this.attempt = link;
    this.direct.links.set(sid, link);
    const deadline = setTimeout(() => link.close("no direct path within "
      + this.direct.settings.setupTimeoutMs + " ms", true), this.direct.settings.setupTimeoutMs);
    link.addEventListener("open", (event) => {
      clearTimeout(deadline);
      if (this.attempt !== link) {
        link.close("superseded by another session", true);
        return;
      }
      this.attempt = null;
      this.failures = 0;
      this.link = link;
      this.path = event.detail.path;
      this.#openGateIfClear();
    });
    link.addEventListener("path", (event) => {
      if (this.link !== link) return;
      this.path = event.detail.path;
      if (this.route !== "server") {
        this.route = this.path === "relay" ? "relay" : "direct";
        this.#announce(this.route, "direct over a " + this.path + " path");
      }
    });
    link.addEventListener("stanza", (event) => this.#onStanza(link, event.detail.stanza));
    link.addEventListener("acknowledged", (event) => this.#acknowledgedOn(link, event.detail.count));
    link.addEventListener("closed", (event) => {
      clearTimeout(deadline);
      this.direct.links.delete(sid);
      if (this.attempt === link) this.#attemptFailed(event.detail.reason);
      else if (this.link === link) this.#linkEnded(link, event.detail.reason);
    });
    return link;
  }

  #onStanza(link, stanza) {
    // The contact may write as soon as its side is open, while ours is still judging the path.
    if (link !== this.link && link !== this.attempt) return;
    const body = stanza.getChild("body");
    const origin = stanza.getChild("origin-id", NS.originId);
    const id = stanza.attrs.id;
    if (!body || !id) return;
    this.arrived({ jid: this.jid, id, originId: origin ? origin.attrs.id : id, body: body.text(),
      route: this.path === "relay" ? "relay" : "direct", time: new Date() }, "direct");
  }

  /** The contact has our first {@code count} messages on {@code link}: those of them still awaited are delivered. */
  #acknowledgedOn(link, count) {
    if (link !== this.link) return;
    for (const [id, sent] of this.unacknowledged) {
      if (sent.count > count) break;
      this.acknowledged(id);
    }
  }

  #acknowledgementDue(link, id) {
    if (link === this.link && this.unacknowledged.has(id)) {
      this.#linkEnded(link, "a message was not acknowledged within " + this.direct.settings.ackTimeoutMs + " ms");
    }
  }

  #attemptFailed(reason) {
    this.attempt = null;
    this.failures += 1;
    const delay = this.direct.settings.retryDelayMs * 2 ** (this.failures - 1);
    this.nextAttempt = Date.now() + Math.min(delay, MAX_RETRY_DELAY_MS);
    this.#announce("server", "no direct session: " + reason);
  }

  /** The link ended: what it left unacknowledged goes through the server, in order, and the route is the server's. */
  #linkEnded(link, reason) {
    if (link !== this.link) return;
    this.link = null;
    this.route = "server";
    const resend = [...this.unacknowledged];
    this.unacknowledged.clear();
    for (const [id, { text, timer }] of resend) {
      clearTimeout(timer);
      if (this.session.connector) this.#sendThroughServer(id, text);
      this.direct.dispatchEvent(new CustomEvent("rerouted", { detail: { jid: this.jid, id, route: "server" } }));
    }
    this.nextAttempt = Date.now() + this.direct.settings.retryDelayMs;
    link.close(reason, true);
    this.#announce("server", "the direct path is gone: " + reason
      + (resend.length ? "; " + resend.length + " unacknowledged message(s) re-sent through the server" : ""));
  }

  #sendThroughServer(id, text) {
    this.session.sendMessage(this.jid, text, id);
    this.throughServer.set(id, Date.now());
  }

  /** Goes direct once a link is open and nothing sent through the server can still be overtaken. */
  #openGateIfClear() {
    if (!this.link || this.route !== "server") return;
    const wait = this.direct.settings.receiptWaitMs;
    for (const [id, sent] of this.throughServer) if (Date.now() - sent >= wait) this.throughServer.delete(id);
    if (this.throughServer.size === 0) {
      this.route = this.path === "relay" ? "relay" : "direct";
      this.#announce(this.route, "direct over a " + this.path + " path");
    } else if (!this.gateTimer) {
      const oldest = Math.min(...this.throughServer.values());
      this.gateTimer = setTimeout(() => {
        this.gateTimer = null;
        this.#openGateIfClear();
      }, Math.max(0, oldest + wait - Date.now()));
    }
  }

  #terminate(to, sid, text) {
    this.session.request(sessionTerminate(to, sid, "cancel", text)).catch(() => {});
  }

  #announce(route, reason) {
    this.direct.dispatchEvent(new CustomEvent("route", { detail: { jid: this.jid, route, path: this.path, reason } }));
  }
}

/**
 * A chat message on a data channel: the stanza a server would carry, with origin-id, without a receipt request (the
 * channel acknowledges what it carries, link.js).
 */
function directMessage(to, from, id, text) {
  return xml("message", { xmlns: CLIENT_NS, to, from, type: "chat", id }, xml("body", {}, text),
    xml("origin-id", { xmlns: NS.originId, id })).toString();
}
