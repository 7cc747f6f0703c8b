// The XMPP side of the web chat, on Strophe.js: logging in over WebSocket (RFC 7395) or BOSH (XEP-0124/0206),
// the roster and presence, one-to-one messages with delivery receipts (XEP-0184) and chat states (XEP-0085), and
// ad-hoc commands (XEP-0050). It knows nothing of the page; the panel listens to its events.
import { Strophe, $iq, $msg, $pres } from "strophe.js";
import { child, childText } from "./dom.js";

export const NS = {
  roster: "jabber:iq:roster",
  receipts: "urn:xmpp:receipts",
  chatStates: "http://jabber.org/protocol/chatstates",
  delay: "urn:xmpp:delay",
  commands: "http://jabber.org/protocol/commands",
  data: "jabber:x:data",
  items: "http://jabber.org/protocol/disco#items",
};

/** The chat states this client sends and shows (XEP-0085); "gone" and "inactive" are only ignored when received. */
const CHAT_STATES = ["active", "composing", "paused", "inactive", "gone"];
/** How long an ad-hoc command may take to answer before the panel says it failed. */
const COMMAND_TIMEOUT_MS = 15000;

export class Session extends EventTarget {
  constructor(services) {
    super();
    // Tried in order: the first one that connects is used (WebSocket first, BOSH when WebSocket is unavailable).
    this.services = services;
    this.connection = null;
    this.jid = null;
    // "websocket" or "bosh", whichever connected.
    this.transport = null;
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
      connection.connect(jid, password, (status, condition) => {
        const S = Strophe.Status;
        if (status === S.CONNECTED) {
          connected = true;
          this.connection = connection;
          this.jid = connection.jid;
          this.transport = service.name;
          this.#listen();
          this.#start().then(resolve, reject);
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
    const roster = await this.#iq($iq({ type: "get" }).c("query", { xmlns: NS.roster }));
    const query = child(roster, "query", NS.roster);
    for (const item of query ? query.children : []) this.#emitRosterItem(item);
    // Initial presence after the roster: Openfire then hands over the messages stored while we were away.
    this.connection.send($pres());
  }

  #listen() {
    const c = this.connection;
    c.addHandler((stanza) => this.#onMessage(stanza), null, "message");
    c.addHandler((stanza) => this.#onPresence(stanza), null, "presence");
    c.addHandler((stanza) => this.#onRosterPush(stanza), NS.roster, "iq", "set");
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
    this.dispatchEvent(new CustomEvent("contact", { detail: {
      jid: Strophe.getBareJidFromJid(item.getAttribute("jid") || ""),
      name: item.getAttribute("name") || "",
      subscription: item.getAttribute("subscription") || "none",
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
      if (id && child(stanza, "request", NS.receipts)) {
        this.connection.send($msg({ to: from, id: this.connection.getUniqueId("receipt") })
          .c("received", { xmlns: NS.receipts, id }));
      }
      const delay = child(stanza, "delay", NS.delay);
      this.dispatchEvent(new CustomEvent("message", { detail: {
        jid: bare, id, body: body.textContent,
        route: delay ? "offline" : "server",
        time: delay ? new Date(delay.getAttribute("stamp")) : new Date(),
      } }));
    }
    return true;
  }

  bareJid() {
    return Strophe.getBareJidFromJid(this.jid);
  }

  /** Sends a chat message asking for a receipt; returns its id, which the receipt will name. */
  sendMessage(to, text) {
    const id = this.connection.getUniqueId("msg");
    this.connection.send($msg({ to, type: "chat", id }).c("body").t(text).up()
      .c("active", { xmlns: NS.chatStates }).up().c("request", { xmlns: NS.receipts }));
    return id;
  }

  sendChatState(to, state) {
    this.connection.send($msg({ to, type: "chat" }).c(state, { xmlns: NS.chatStates }));
  }

  setPresence(show, status) {
    const presence = $pres();
    if (show && show !== "available") presence.c("show").t(show).up();
    if (status) presence.c("status").t(status);
    this.connection.send(presence);
  }

  /** Adds a contact to the roster and asks to see their presence. */
  async addContact(jid) {
    await this.#iq($iq({ type: "set" }).c("query", { xmlns: NS.roster }).c("item", { jid }));
    this.connection.send($pres({ to: jid, type: "subscribe" }));
  }

  removeContact(jid) {
    return this.#iq($iq({ type: "set" }).c("query", { xmlns: NS.roster }).c("item", { jid, subscription: "remove" }));
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
    return child(await this.#iq(iq, COMMAND_TIMEOUT_MS), "command", NS.commands);
  }

  /** The server's ad-hoc commands whose node starts with {@code prefix}, as {node, name} pairs. */
  async listCommands(prefix) {
    const answer = await this.#iq($iq({ type: "get", to: Strophe.getDomainFromJid(this.jid) })
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

  #iq(stanza, timeout) {
    return new Promise((resolve, reject) => {
      this.connection.sendIQ(stanza, resolve, (error) => {
        const condition = error && child(error, "error");
        const text = condition ? childText(condition, "text") : "";
        reject(new Error(text || (error ? "The server refused the request." : "The server did not answer.")));
      }, timeout);
    });
  }
}
