// The XMPP side of the web chat, on Strophe.js: logging in over WebSocket (RFC 7395) or BOSH (XEP-0124/0206),
// the roster and presence, one-to-one messages with delivery receipts (XEP-0184) and chat states (XEP-0085), and
// ad-hoc commands (XEP-0050), what this client can do (XEP-0030, XEP-0115) and the signalling the direct path needs.
// It knows nothing of the page; the panel listens to its events.
import { Strophe, $iq, $msg, $pres } from "strophe.js";
import { child, childText } from "./dom.js";
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

export class Session extends EventTarget {
  constructor(services) {
    super();
    // Tried in order: the first one that connects is used (WebSocket first, BOSH when WebSocket is unavailable).
    this.services = services;
    this.connection = null;
    this.jid = null;
    // "websocket" or "bosh", whichever connected.
    this.transport = null;
    /** Contacts whose subscription lets them see our presence ("from" or "both"): only they get receipts. */
    this.seeingOurPresence = new Set();
  }

  /** Logs in; resolves when the roster has arrived and presence has been sent, rejects with a message for people. */
  login(jid, password) {
    return this.#tryService(0, jid, password);
  }

  #tryService(index, jid, password) {
    const service = this.services[index];
    return new Promise((resolve, reject) => {
      const connection = new Strophe.Connection(service.url);
      let connected = false;
      /** Set when the login failed after connecting: whatever the connection reports afterwards is not news. */
      let abandoned = false;
      connection.connect(jid, password, (status, condition) => {
        if (abandoned) return;
        const S = Strophe.Status;
        if (status === S.CONNECTED) {
          connected = true;
          this.connection = connection;
          this.jid = connection.jid;
          this.transport = service.name;
          this.#listen();
          // A login whose roster never came is no login: the connection goes, and the form tells why (not that a
          // connection was lost).
          this.#start().then(resolve, (problem) => {
            abandoned = true;
            this.connection = null;
            connection.disconnect();
            reject(problem);
          });
        } else if (status === S.AUTHFAIL) {
          reject(new Error("The address or password is wrong."));
        } else if ((status === S.CONNFAIL || status === S.ERROR || status === S.CONNTIMEOUT) && !connected) {
          connection.reset();
          if (index + 1 < this.services.length) {
            this.#tryService(index + 1, jid, password).then(resolve, reject);
          } else {
            reject(new Error("The chat server cannot be reached" + (condition ? " (" + condition + ")." : ".")));
          }
        } else if (status === S.DISCONNECTED && connected) {
          connected = false;
          this.connection = null;
          this.dispatchEvent(new CustomEvent("disconnected"));
        }
      });
    });
  }

  async #start() {
    this.seeingOurPresence.clear();
    const roster = await this.request($iq({ type: "get" }).c("query", { xmlns: NS.roster }));
    const query = child(roster, "query", NS.roster);
    for (const item of query ? query.children : []) this.#emitRosterItem(item);
    this.capsVer = await capsVersion();
    // Initial presence after the roster: Openfire then hands over the messages stored while we were away.
    this.connection.send(this.#presence());
  }

  #listen() {
    const c = this.connection;
    c.addHandler((stanza) => this.#onMessage(stanza), null, "message");
    c.addHandler((stanza) => this.#onPresence(stanza), null, "presence");
    c.addHandler((stanza) => this.#onRosterPush(stanza), NS.roster, "iq", "set");
    c.addHandler((stanza) => this.#onDiscoInfo(stanza), NS.info, "iq", "get");
    c.addHandler((stanza) => this.#onJingle(stanza), JINGLE.jingle, "iq", "set");
  }

  #onDiscoInfo(stanza) {
    const query = child(stanza, "query", NS.info);
    if (!query) return true;
    const node = query.getAttribute("node");
    if (node && node !== CAPS_NODE + "#" + this.capsVer) {
      this.answer(stanza, "item-not-found");
      return true;
    }
    const reply = $iq({ type: "result", to: stanza.getAttribute("from"), id: stanza.getAttribute("id") })
      .c("query", { xmlns: NS.info, node: node || undefined }).c("identity", IDENTITY).up();
    for (const feature of FEATURES) reply.c("feature", { var: feature }).up();
    this.connection.send(reply);
    return true;
  }

  /** A Jingle request: the direct path decides, and answers it with {@link answer}. */
  #onJingle(stanza) {
    const jingle = child(stanza, "jingle", JINGLE.jingle);
    if (jingle) this.dispatchEvent(new CustomEvent("jingle", { detail: { stanza, jingle } }));
    return true;
  }

  /** Answers a request: a result, or an error of type cancel with the given condition (RFC 6120 8.3.3). */
  answer(stanza, condition) {
    const reply = $iq({ type: condition ? "error" : "result", to: stanza.getAttribute("from"),
      id: stanza.getAttribute("id") });
    if (condition) reply.c("error", { type: "cancel" }).c(condition, { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" });
    this.connection.send(reply);
  }

  #onRosterPush(stanza) {
    const from = stanza.getAttribute("from");
    // A roster push comes from our own account only (RFC 6121 2.1.6); anything else is spoofed.
    if (!from || Strophe.getBareJidFromJid(from) === Strophe.getBareJidFromJid(this.jid)) {
      const query = child(stanza, "query", NS.roster);
      for (const item of query ? query.children : []) this.#emitRosterItem(item);
      this.connection.send($iq({ type: "result", id: stanza.getAttribute("id"), to: from || undefined }));
    }
    return true;
  }

  #emitRosterItem(item) {
    const jid = Strophe.getBareJidFromJid(item.getAttribute("jid") || "");
    const subscription = item.getAttribute("subscription") || "none";
    if (subscription === "from" || subscription === "both") this.seeingOurPresence.add(jid);
    else this.seeingOurPresence.delete(jid);
    this.dispatchEvent(new CustomEvent("contact", { detail: {
      jid,
      name: item.getAttribute("name") || "",
      subscription,
      pending: item.getAttribute("ask") === "subscribe",
    } }));
  }

  #onPresence(stanza) {
    const from = stanza.getAttribute("from") || "";
    const type = stanza.getAttribute("type") || "available";
    const bare = Strophe.getBareJidFromJid(from);
    if (type === "subscribe") {
      this.dispatchEvent(new CustomEvent("request", { detail: { jid: bare } }));
    } else if (type === "available" || type === "unavailable") {
      const show = type === "unavailable" ? "unavailable" : childText(stanza, "show") || "available";
      this.dispatchEvent(new CustomEvent("presence", { detail: {
        jid: bare, resource: Strophe.getResourceFromJid(from) || "", show, status: childText(stanza, "status"),
      } }));
    }
    return true;
  }

  #onMessage(stanza) {
    const from = stanza.getAttribute("from") || "";
    const type = stanza.getAttribute("type") || "normal";
    if (type === "error" || type === "groupchat" || type === "headline") return true;
    const bare = Strophe.getBareJidFromJid(from);
    const receipt = child(stanza, "received", NS.receipts);
    if (receipt) {
      this.dispatchEvent(new CustomEvent("receipt", { detail: { jid: bare, id: receipt.getAttribute("id") } }));
    }
    const state = CHAT_STATES.map((name) => child(stanza, name, NS.chatStates)).find(Boolean);
    if (state) {
      this.dispatchEvent(new CustomEvent("chatstate", { detail: { jid: bare, state: state.localName } }));
    }
    const body = child(stanza, "body");
    if (body) {
      const id = stanza.getAttribute("id");
      const delay = child(stanza, "delay", NS.delay);
      const origin = child(stanza, "origin-id", NS.originId);
      this.dispatchEvent(new CustomEvent("message", { detail: {
        jid: bare, id, originId: origin ? origin.getAttribute("id") : null, body: body.textContent,
        route: delay ? "offline" : "server",
        time: delay ? new Date(delay.getAttribute("stamp")) : new Date(),
      } }));
      // A receipt tells that we are online, so only those who may see our presence get one (XEP-0184's security
      // considerations; the chat program does the same), and our own other clients.
      const mayKnow = this.seeingOurPresence.has(bare) || bare === this.bareJid();
      if (id && mayKnow && child(stanza, "request", NS.receipts)) {
        // Once the page has done what it does with the message in this turn of the event loop (shown it, and
        // whatever its own observers did at once, such as a reply): written before, the receipt went onto the wire
        // ahead of such a reply and reached the contact first, whose page read it before the reply (see the
        // README's web chat benchmark).
        const connection = this.connection;
        queueMicrotask(() => connection.send($msg({ to: from, id: connection.getUniqueId("receipt") })
          .c("received", { xmlns: NS.receipts, id })));
      }
    }
    return true;
  }

  bareJid() {
    return Strophe.getBareJidFromJid(this.jid);
  }

  /**
   * Sends a chat message asking for a receipt; returns its id, which the receipt will name. A message sent again
   * keeps its id, which is also its origin-id (XEP-0359): the receiver shows it once.
   */
  sendMessage(to, text, id) {
    const messageId = id || this.uniqueId();
    this.connection.send(chatMessage(to, text, messageId));
    return messageId;
  }

  uniqueId() {
    return this.connection.getUniqueId("msg");
  }

  /** Our full JID, which names our end of a direct session. */
  fullJid() {
    return this.jid;
  }

  /** The features a contact's resource advertises (XEP-0030), or null when it could not be asked. */
  async features(fullJid) {
    try {
      const answer = await this.request($iq({ type: "get", to: fullJid }).c("query", { xmlns: NS.info }));
      const query = child(answer, "query", NS.info);
      return new Set([...(query ? query.children : [])].filter((node) => node.localName === "feature")
        .map((node) => node.getAttribute("var")));
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
      const answer = await this.request($iq({ type: "get", to: Strophe.getDomainFromJid(this.jid) })
        .c("services", { xmlns: NS.extdisco }));
      const services = child(answer, "services", NS.extdisco);
      return [...(services ? services.children : [])].map(iceServer).filter(Boolean);
    } catch {
      return [];
    }
  }

  sendChatState(to, state) {
    this.connection.send($msg({ to, type: "chat" }).c(state, { xmlns: NS.chatStates }));
  }

  setPresence(show, status) {
    const presence = this.#presence();
    if (show && show !== "available") presence.c("show").t(show).up();
    if (status) presence.c("status").t(status);
    this.connection.send(presence);
  }

  /** Adds a contact to the roster and asks to see their presence. */
  async addContact(jid) {
    await this.request($iq({ type: "set" }).c("query", { xmlns: NS.roster }).c("item", { jid }));
    this.connection.send($pres({ to: jid, type: "subscribe" }));
  }

  removeContact(jid) {
    return this.request($iq({ type: "set" }).c("query", { xmlns: NS.roster }).c("item", { jid, subscription: "remove" }));
  }

  /** Lets the asker see our presence and, so that it is mutual, asks to see theirs. */
  acceptRequest(jid) {
    this.connection.send($pres({ to: jid, type: "subscribed" }));
    this.connection.send($pres({ to: jid, type: "subscribe" }));
  }

  denyRequest(jid) {
    this.connection.send($pres({ to: jid, type: "unsubscribed" }));
  }

  /** Runs one step of an ad-hoc command on our server; resolves with the <command/> element of the answer. */
  async command(node, sessionid, action, fields) {
    const iq = $iq({ type: "set", to: Strophe.getDomainFromJid(this.jid) })
      .c("command", { xmlns: NS.commands, node, action: action || "execute", sessionid: sessionid || undefined });
    if (fields) {
      iq.c("x", { xmlns: NS.data, type: "submit" });
      for (const [variable, values] of Object.entries(fields)) {
        iq.c("field", { var: variable });
        for (const value of [].concat(values)) iq.c("value").t(value).up();
        iq.up();
      }
    }
    return child(await this.request(iq), "command", NS.commands);
  }

  /** The server's ad-hoc commands whose node starts with {@code prefix}, as {node, name} pairs. */
  async listCommands(prefix) {
    const answer = await this.request($iq({ type: "get", to: Strophe.getDomainFromJid(this.jid) })
      .c("query", { xmlns: NS.items, node: NS.commands }));
    const query = child(answer, "query", NS.items);
    return [...(query ? query.children : [])].map((item) => ({
      node: item.getAttribute("node") || "", name: item.getAttribute("name") || "",
    })).filter((item) => item.node.startsWith(prefix));
  }

  logout() {
    if (this.connection) {
      this.connection.send($pres({ type: "unavailable" }));
      this.connection.flush();
      this.connection.disconnect("logged out");
    }
  }

  /** Our presence with our capabilities (XEP-0115), when the browser could compute their hash. */
  #presence() {
    const presence = $pres();
    if (this.capsVer) presence.c("c", { xmlns: NS.caps, hash: "sha-1", node: CAPS_NODE, ver: this.capsVer }).up();
    return presence;
  }

  /** Sends an IQ request; resolves with the result, rejects with the error's text for people. */
  request(stanza) {
    return new Promise((resolve, reject) => {
      this.connection.sendIQ(stanza, resolve, (error) => {
        const condition = error && child(error, "error");
        const text = condition ? childText(condition, "text") : "";
        reject(new Error(text || (error ? "The server refused the request." : "The server did not answer.")));
      }, ANSWER_TIMEOUT_MS);
    });
  }
}

function chatMessage(to, text, id) {
  return $msg({ to, type: "chat", id }).c("body").t(text).up()
    .c("active", { xmlns: NS.chatStates }).up().c("request", { xmlns: NS.receipts }).up()
    .c("origin-id", { xmlns: NS.originId, id });
}

/** One XEP-0215 service as an RTCIceServer, or null for a kind the browser does not use. */
function iceServer(service) {
  const type = service.getAttribute("type");
  const host = service.getAttribute("host") || "";
  if ((type !== "stun" && type !== "turn") || !host) return null;
  const port = service.getAttribute("port") || "3478";
  const transport = service.getAttribute("transport") || "udp";
  const address = host.includes(":") ? "[" + host + "]" : host;
  const url = type + ":" + address + ":" + port + (type === "turn" ? "?transport=" + transport : "");
  return type === "turn" ? { urls: url, username: service.getAttribute("username") || "",
    credential: service.getAttribute("password") || "" } : { urls: url };
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
