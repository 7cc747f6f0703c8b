// The XMPP side of the web chat: logging in over WebSocket (RFC 7395) or BOSH (XEP-0124/0206) through a connector
// (connectors.js), the roster and presence, one-to-one messages with delivery receipts (XEP-0184) and chat states (XEP-0085), and
// ad-hoc commands (XEP-0050), what this client can do (XEP-0030, XEP-0115) and the signalling the direct path needs.
// It knows nothing of the page; the panel listens to its events. Stanzas are xmpp.js elements (ltx): built with xml(),
// read with getChild, getChildText and attrs.
import xml from "@xmpp/xml";
import { jid as parseJid } from "@xmpp/jid";
import makeId from "@xmpp/id";
import { BoshConnector, LoginError, WebSocketConnector } from "./connectors.js";
import { JINGLE } from "./jingle.js";
import { WEBRTC } from "./link.js";

export const NS = {
  roster: "jabber:iq:roster",
  receipts: "urn:xmpp:receipts",
  chatStates: "http://jabber.org/protocol/chatstates",
  delay: "urn:xmpp:delay",
  commands: "http://jabber.org/protocol/commands",
  data: "jabber:x:data",
  items: "http://jabber.org/protocol/disco#items",
  info: "http://jabber.org/protocol/disco#info",
  caps: "http://jabber.org/protocol/caps",
  originId: "urn:xmpp:sid:0",
  extdisco: "urn:xmpp:extdisco:2",
};

/**
 * What this client tells others it does. The XML stream application (XEP-0247) is used in sessions but not
 * advertised: a Tandem desktop client offers its own transport to any peer that has it, and a browser cannot speak
 * that transport; a web peer looks for the WebRTC data channel transport (XEP-0343) instead.
 */
const FEATURES = [NS.info, NS.caps, NS.receipts, NS.chatStates, NS.originId,
  ...(WEBRTC ? [JINGLE.jingle, JINGLE.iceUdp, JINGLE.dtls, JINGLE.dataChannel] : [])].sort();
const IDENTITY = { category: "client", type: "web", name: "Tandem web chat" };
const CAPS_NODE = "https://tandem.im/web";

/** The chat states this client sends and shows (XEP-0085); "gone" and "inactive" are only ignored when received. */
const CHAT_STATES = ["active", "composing", "paused", "inactive", "gone"];
/**
 * How long any request (the roster, a contact's features, the STUN and TURN servers, an ad-hoc command) may go
 * unanswered before it counts as failed: a question that never gets an answer must not hold up a login, a form or a
 * conversation's next direct attempt for ever.
 */
const ANSWER_TIMEOUT_MS = 15000;

/** The XMPP stanza errors' namespace (RFC 6120 8.3.3). */
const STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";

const CONNECTORS = { websocket: WebSocketConnector, bosh: BoshConnector };

export class Session extends EventTarget {
  constructor(services) {
    super();
    // Tried in order: the first one that connects is used (WebSocket first, BOSH when WebSocket is unavailable).
    this.services = services;
    this.connector = null;
    this.jid = null;
    // "websocket" or "bosh", whichever connected.
    this.transport = null;
    /** Contacts whose subscription lets them see our presence ("from" or "both"): only they get receipts. */
    this.seeingOurPresence = new Set();
    /** The answer to each IQ request we take (get or set), by child element, namespace first. */
    this.iqHandlers = new Map([
      [NS.info + " query", (stanza, query) => this.#onDiscoInfo(stanza, query)],
      [NS.roster + " query", (stanza, query) => this.#onRosterPush(stanza, query)],
      [JINGLE.jingle + " jingle", (stanza, jingle) => this.#onJingle(stanza, jingle)],
    ]);
  }

  /** Logs in; resolves when the roster has arrived and presence has been sent, rejects with a message for people. */
  async login(jid, password) {
    for (const [index, service] of this.services.entries()) {
      const connector = new CONNECTORS[service.name](service.url);
      try {
        this.jid = await connector.connect(jid, password);
      } catch (e) {
        if (e instanceof LoginError && e.kind === "auth") throw new Error("The address or password is wrong.");
        if (index + 1 < this.services.length) continue;
        throw new Error("The chat server cannot be reached" + (e.condition ? " (" + e.condition + ")." : "."));
      }
      this.connector = connector;
      this.transport = service.name;
      connector.onStanza((stanza) => this.#onStanza(stanza));
      connector.onClosed(() => {
        if (this.connector !== connector) return;
        this.connector = null;
        this.dispatchEvent(new CustomEvent("disconnected"));
      });
      try {
        await this.#start();
      } catch (problem) {
        // A login whose roster never came is no login: the connection goes, and the form tells why (not that a
        // connection was lost).
        this.connector = null;
        connector.disconnect();
        throw problem;
      }
      return;
    }
  }

  async #start() {
    this.seeingOurPresence.clear();
    const roster = await this.request(xml("iq", { type: "get" }, xml("query", { xmlns: NS.roster })));
    const query = roster.getChild("query", NS.roster);
    for (const item of query ? query.getChildElements() : []) this.#emitRosterItem(item);
    this.capsVer = await capsVersion();
    // Initial presence after the roster: Openfire then hands over the messages stored while we were away.
    this.connector.send(this.#presence());
  }

  #onStanza(stanza) {
    if (stanza.name === "message") this.#onMessage(stanza);
    else if (stanza.name === "presence") this.#onPresence(stanza);
    else if (stanza.name === "iq") this.#onRequest(stanza);
  }

  /** An IQ get or set: its handler answers it, and one we have no handler for is unavailable (RFC 6120 8.4). */
  #onRequest(stanza) {
    const children = stanza.getChildElements();
    const handler = children.length === 1 && this.iqHandlers.get(children[0].getNS() + " " + children[0].name);
    if (handler) handler(stanza, children[0]);
    else this.answer(stanza, "service-unavailable");
  }

  #onDiscoInfo(stanza, query) {
    if (stanza.attrs.type !== "get") {
      this.answer(stanza, "bad-request");
      return;
    }
    const node = query.attrs.node;
    if (node && node !== CAPS_NODE + "#" + this.capsVer) {
      this.answer(stanza, "item-not-found");
      return;
    }
    this.connector.send(xml("iq", { type: "result", to: stanza.attrs.from, id: stanza.attrs.id },
      xml("query", { xmlns: NS.info, node }, xml("identity", IDENTITY),
        ...FEATURES.map((feature) => xml("feature", { var: feature })))));
  }

  /** A Jingle request: the direct path decides, and answers it with {@link answer}. */
  #onJingle(stanza, jingle) {
    if (stanza.attrs.type !== "set") {
      this.answer(stanza, "bad-request");
      return;
    }
    this.dispatchEvent(new CustomEvent("jingle", { detail: { stanza, jingle } }));
  }

  /** Answers a request: a result, or an error of type cancel with the given condition (RFC 6120 8.3.3). */
  answer(stanza, condition) {
    const reply = xml("iq", { type: condition ? "error" : "result", to: stanza.attrs.from, id: stanza.attrs.id });
    if (condition) reply.append(xml("error", { type: "cancel" }, xml(condition, { xmlns: STANZAS_NS })));
    this.connector.send(reply);
  }

  #onRosterPush(stanza, query) {
    const from = stanza.attrs.from;
    // A roster push comes from our own account only (RFC 6121 2.1.6); anything else is spoofed.
    if (stanza.attrs.type !== "set" || (from && bareOf(from) !== this.bareJid())) {
      this.answer(stanza, "service-unavailable");
      return;
    }
    for (const item of query.getChildElements()) this.#emitRosterItem(item);
    this.connector.send(xml("iq", { type: "result", id: stanza.attrs.id, to: from }));
  }

  #emitRosterItem(item) {
    const jid = bareOf(item.attrs.jid || "");
    const subscription = item.attrs.subscription || "none";
    if (subscription === "from" || subscription === "both") this.seeingOurPresence.add(jid);
    else this.seeingOurPresence.delete(jid);
    this.dispatchEvent(new CustomEvent("contact", { detail: {
      jid,
      name: item.attrs.name || "",
      subscription,
      pending: item.attrs.ask === "subscribe",
    } }));
  }

  #onPresence(stanza) {
    const from = stanza.attrs.from || "";
    const type = stanza.attrs.type || "available";
    if (type === "subscribe") {
      this.dispatchEvent(new CustomEvent("request", { detail: { jid: bareOf(from) } }));
    } else if (type === "available" || type === "unavailable") {
      const show = type === "unavailable" ? "unavailable" : stanza.getChildText("show") || "available";
      this.dispatchEvent(new CustomEvent("presence", { detail: {
        jid: bareOf(from), resource: resourceOf(from), show, status: stanza.getChildText("status") || "",
      } }));
    }
  }

  #onMessage(stanza) {
    const from = stanza.attrs.from || "";
    const type = stanza.attrs.type || "normal";
    if (type === "error" || type === "groupchat" || type === "headline") return;
    const sender = bareOf(from);
    const receipt = stanza.getChild("received", NS.receipts);
    if (receipt) {
      this.dispatchEvent(new CustomEvent("receipt", { detail: { jid: sender, id: receipt.attrs.id } }));
    }
    const state = CHAT_STATES.map((name) => stanza.getChild(name, NS.chatStates)).find(Boolean);
    if (state) {
      this.dispatchEvent(new CustomEvent("chatstate", { detail: { jid: sender, state: state.name } }));
    }
    const body = stanza.getChild("body");
    if (body) {
      const id = stanza.attrs.id;
      const delay = stanza.getChild("delay", NS.delay);
      const origin = stanza.getChild("origin-id", NS.originId);
      this.dispatchEvent(new CustomEvent("message", { detail: {
        jid: sender, id, originId: origin ? origin.attrs.id : null, body: body.text(),
        route: delay ? "offline" : "server",
        time: delay ? new Date(delay.attrs.stamp) : new Date(),
      } }));
      // A receipt tells that we are online, so only those who may see our presence get one (XEP-0184's security
      // considerations; the chat program does the same), and our own other clients.
      const mayKnow = this.seeingOurPresence.has(sender) || sender === this.bareJid();
      if (id && mayKnow && stanza.getChild("request", NS.receipts)) {
        // Once the page has done what it does with the message in this turn of the event loop (shown it, and
        // whatever its own observers did at once, such as a reply): written before, the receipt went onto the wire
        // ahead of such a reply and reached the contact first, whose page read it before the reply (see the
        // README's web chat benchmark).
        const connector = this.connector;
        queueMicrotask(() => connector.send(xml("message", { to: from, id: this.uniqueId() },
          xml("received", { xmlns: NS.receipts, id }))));
      }
    }
  }

  bareJid() {
    return bareOf(this.jid);
  }

  /**
   * Sends a chat message asking for a receipt; returns its id, which the receipt will name. A message sent again
   * keeps its id, which is also its origin-id (XEP-0359): the receiver shows it once.
   */
  sendMessage(to, text, id) {
    const messageId = id || this.uniqueId();
    this.connector.send(chatMessage(to, text, messageId));
    return messageId;
  }

  uniqueId() {
    return makeId();
  }

  /** Our full JID, which names our end of a direct session. */
  fullJid() {
    return this.jid;
  }

  /** The features a contact's resource advertises (XEP-0030), or null when it could not be asked. */
  async features(fullJid) {
    try {
      const answer = await this.request(xml("iq", { type: "get", to: fullJid }, xml("query", { xmlns: NS.info })));
      const query = answer.getChild("query", NS.info);
      return new Set((query ? query.getChildren("feature") : []).map((node) => node.attrs.var));
    } catch {
      return null;
    }
  }

  /**
   * The STUN and TURN servers our server names (XEP-0215), as a browser's iceServers; none when it names none or
   * refuses.
   */
  async iceServers() {
    try {
      const answer = await this.request(xml("iq", { type: "get", to: this.#domain() },
        xml("services", { xmlns: NS.extdisco })));
      const services = answer.getChild("services", NS.extdisco);
      return (services ? services.getChildElements() : []).map(iceServer).filter(Boolean);
    } catch {
      return [];
    }
  }

  sendChatState(to, state) {
    this.connector.send(xml("message", { to, type: "chat" }, xml(state, { xmlns: NS.chatStates })));
  }

  setPresence(show, status) {
    const presence = this.#presence();
    if (show && show !== "available") presence.append(xml("show", {}, show));
    if (status) presence.append(xml("status", {}, status));
    this.connector.send(presence);
  }

  /** Adds a contact to the roster and asks to see their presence. */
  async addContact(jid) {
    await this.request(xml("iq", { type: "set" }, xml("query", { xmlns: NS.roster }, xml("item", { jid }))));
    this.connector.send(xml("presence", { to: jid, type: "subscribe" }));
  }

  removeContact(jid) {
    return this.request(xml("iq", { type: "set" },
      xml("query", { xmlns: NS.roster }, xml("item", { jid, subscription: "remove" }))));
  }

  /** Lets the asker see our presence and, so that it is mutual, asks to see theirs. */
  acceptRequest(jid) {
    this.connector.send(xml("presence", { to: jid, type: "subscribed" }));
    this.connector.send(xml("presence", { to: jid, type: "subscribe" }));
  }

  denyRequest(jid) {
    this.connector.send(xml("presence", { to: jid, type: "unsubscribed" }));
  }

  /** Runs one step of an ad-hoc command on our server; resolves with the <command/> element of the answer. */
  async command(node, sessionid, action, fields) {
    const command = xml("command", { xmlns: NS.commands, node, action: action || "execute", sessionid });
    if (fields) {
      command.append(xml("x", { xmlns: NS.data, type: "submit" }, ...Object.entries(fields).map(([variable, values]) =>
        xml("field", { var: variable }, ...[].concat(values).map((value) => xml("value", {}, value))))));
    }
    const answer = (await this.request(xml("iq", { type: "set", to: this.#domain() }, command)))
      .getChild("command", NS.commands);
    if (!answer) throw new Error("The server's answer holds no command.");
    return answer;
  }

  /** The server's ad-hoc commands whose node starts with {@code prefix}, as {node, name} pairs. */
  async listCommands(prefix) {
    const answer = await this.request(xml("iq", { type: "get", to: this.#domain() },
      xml("query", { xmlns: NS.items, node: NS.commands })));
    const query = answer.getChild("query", NS.items);
    return (query ? query.getChildElements() : []).map((item) => ({
      node: item.attrs.node || "", name: item.attrs.name || "",
    })).filter((item) => item.node.startsWith(prefix));
  }

  logout() {
    if (this.connector) {
      this.connector.send(xml("presence", { type: "unavailable" }));
      this.connector.disconnect();
    }
  }

  /** Our presence with our capabilities (XEP-0115), when the browser could compute their hash. */
  #presence() {
    const presence = xml("presence");
    if (this.capsVer) presence.append(xml("c", { xmlns: NS.caps, hash: "sha-1", node: CAPS_NODE, ver: this.capsVer }));
    return presence;
  }

  #domain() {
    return parseJid(this.jid).domain;
  }

  /** Sends an IQ request; resolves with the result, rejects with the error's text for people. */
  async request(stanza) {
    try {
      return await this.connector.request(stanza, ANSWER_TIMEOUT_MS);
    } catch (e) {
      throw new Error(e.text || (e.condition === "remote-server-timeout" ? "The server did not answer."
        : "The server refused the request."));
    }
  }
}

/** The bare JID of an address (RFC 7622): what comes before its resource. */
export function bareOf(address) {
  const slash = address.indexOf("/");
  return slash < 0 ? address : address.slice(0, slash);
}

function resourceOf(address) {
  const slash = address.indexOf("/");
  return slash < 0 ? "" : address.slice(slash + 1);
}

function chatMessage(to, text, id) {
  return xml("message", { to, type: "chat", id }, xml("body", {}, text), xml("active", { xmlns: NS.chatStates }),
    xml("request", { xmlns: NS.receipts }), xml("origin-id", { xmlns: NS.originId, id }));
}

/** One XEP-0215 service as an RTCIceServer, or null for a kind the browser does not use. */
function iceServer(service) {
  const { type, host = "", port = "3478", transport = "udp", username = "", password = "" } = service.attrs;
  if ((type !== "stun" && type !== "turn") || !host) return null;
  const address = host.includes(":") ? "[" + host + "]" : host;
  const url = type + ":" + address + ":" + port + (type === "turn" ? "?transport=" + transport : "");
  return type === "turn" ? { urls: url, username, credential: password } : { urls: url };
}

/**
 * The verification string of our capabilities (XEP-0115 5.1), or "" where the browser offers no digest (a page
 * served over plain HTTP from another host than this one): others then ask with disco#info.
 */
async function capsVersion() {
  if (!globalThis.crypto || !crypto.subtle) return "";
  const text = `${IDENTITY.category}/${IDENTITY.type}//${IDENTITY.name}<` + FEATURES.map((f) => f + "<").join("");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}
