// How the web chat reaches its server: over WebSocket (RFC 7395) with xmpp.js, or over BOSH (XEP-0124, XEP-0206)
// with Strophe.js where WebSocket cannot be used (xmpp.js has no BOSH). Both take and hand over stanzas as xmpp.js
// elements, so the rest of the web chat builds and reads stanzas one way. Each connector is used for one login.
import { Strophe } from "strophe.js";
import { Client, jid as parseJid } from "@xmpp/client-core";
import websocket from "@xmpp/websocket";
import FramedParser from "@xmpp/websocket/lib/FramedParser.js";
import middleware from "@xmpp/middleware";
import StanzaError from "@xmpp/middleware/lib/StanzaError.js";
import streamFeatures from "@xmpp/stream-features";
import iqCaller from "@xmpp/iq/caller.js";
import sasl from "@xmpp/sasl";
import resourceBinding from "@xmpp/resource-binding";
import SASLFactory from "saslmechanisms";
import plain from "@xmpp/sasl-plain";
import scramSha1 from "@xmpp/sasl-scram-sha-1";

/**
 * How long xmpp.js waits for each answer of the server while opening or closing the stream (its default is two
 * seconds): a server busy starting, or a machine busy with other work, answers the stream header later than that.
 */
const STREAM_STEP_TIMEOUT_MS = 10000;
/** How long a whole login (stream, SASL, binding) may take before the server counts as unreachable. */
const LOGIN_TIMEOUT_MS = 30000;

/** Why a login failed: "auth" (the server refused the credentials) or "unreachable", with what the server said. */
export class LoginError extends Error {
  constructor(kind, condition) {
    super(kind === "auth" ? "not authorized" : "unreachable" + (condition ? " (" + condition + ")" : ""));
    this.kind = kind;
    this.condition = condition || "";
  }
}

/** An IQ answered with an error, or not answered: the condition and the text for people, if the answer had one. */
export class RequestError extends Error {
  constructor(condition, text) {
    super(text || condition);
    this.condition = condition;
    this.text = text || "";
  }
}

/**
 * What an IQ's error element says, read by xmpp.js (the first child is the condition, as RFC 6120 orders them); an
 * answer without one is an undefined condition.
 */
function requestError(errorElement) {
  if (!errorElement || errorElement.getChildElements().length === 0) return new RequestError("undefined-condition", "");
  const error = StanzaError.fromElement(errorElement);
  return new RequestError(error.condition, error.text);
}

/**
 * What both connectors share: where the server is, and who hears of each stanza that is not the answer to one of our
 * requests and of the connection's end. A connector serves one login: connect, send and request, disconnect.
 */
class Connector {
  constructor(url) {
    this.url = url;
    this.stanzaListener = () => {};
    this.closedListener = () => {};
  }

  onStanza(listener) {
    this.stanzaListener = listener;
  }

  onClosed(listener) {
    this.closedListener = listener;
  }
}

/** WebSocket through xmpp.js's client core: SASL (SCRAM-SHA-1 where the page may hash, else PLAIN) and binding. */
export class WebSocketConnector extends Connector {
  constructor(url) {
    super(url);
    this.entity = null;
  }

  /** Logs in as {@code address} (a bare JID); resolves with the bound full JID. */
  async connect(address, password) {
    const { local, domain } = parseJid(address);
    const entity = new Client({ service: this.url, domain, timeout: STREAM_STEP_TIMEOUT_MS });
    websocket({ entity });
    const stack = middleware({ entity });
    const features = streamFeatures({ middleware: stack });
    this.iq = iqCaller({ middleware: stack, entity });
    const mechanisms = new SASLFactory();
    // SCRAM hashes with the page's WebCrypto, which a browser offers only to pages from HTTPS or this machine.
    if (globalThis.crypto && crypto.subtle) scramSha1(mechanisms);
    plain(mechanisms);
    sasl({ streamFeatures: features, saslFactory: mechanisms },
      (authenticate, offered) => authenticate({ username: local, password }, offered[0]));
    resourceBinding({ iqCaller: this.iq, streamFeatures: features });
    // Every stanza goes to the session but the answers to our own requests (results, errors): the IQ caller has those.
    entity.on("stanza", (stanza) => {
      if (stanza.name !== "iq" || stanza.attrs.type === "get" || stanza.attrs.type === "set") this.stanzaListener(stanza);
    });
    entity.on("error", () => {}); // a failed login rejects start(); a later error closes the connection
    let online = false;
    // The socket closed: at our logout, or lost (xmpp.js's reconnection module, which would open it again, is not used).
    entity.on("disconnect", () => {
      if (online) {
        online = false;
        this.closedListener();
      }
    });
    let timer;
    const late = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error("no answer within " + LOGIN_TIMEOUT_MS / 1000 + " s")), LOGIN_TIMEOUT_MS);
    });
    try {
      const bound = await Promise.race([entity.start(), late]);
      online = true;
      this.entity = entity;
      return bound.toString();
    } catch (e) {
      entity.stop().catch(() => {});
      throw e && e.name === "SASLError" ? new LoginError("auth", e.condition) : new LoginError("unreachable",
        e && (e.condition || e.message));
    } finally {
      clearTimeout(timer);
    }
  }

  send(element) {
    // A connection that is gone tells through onClosed. Kept, so that closing waits for what was sent before.
    this.lastSend = this.entity.send(element).catch(() => {});
  }

  async request(element, timeoutMs) {
    try {
      return await this.iq.request(element, timeoutMs);
    } catch (e) {
      if (e && e.name === "StanzaError") throw new RequestError(e.condition, e.text);
      throw new RequestError("remote-server-timeout", "");
    }
  }

  disconnect() {
    const entity = this.entity;
    if (entity) Promise.resolve(this.lastSend).then(() => entity.stop()).catch(() => {});
  }
}

/**
 * BOSH through Strophe.js. Its stanzas are DOM elements: they are turned into xmpp.js elements (and back) through
 * their text, which costs a parse per stanza, on the slower transport only.
 */
export class BoshConnector extends Connector {
  constructor(url) {
    super(url);
    this.connection = null;
  }

  connect(address, password) {
    return new Promise((resolve, reject) => {
      const connection = new Strophe.Connection(this.url);
      let connected = false;
      connection.connect(address, password, (status, condition) => {
        const S = Strophe.Status;
        if (status === S.CONNECTED) {
          connected = true;
          this.connection = connection;
          connection.addHandler((stanza) => {
            const type = stanza.getAttribute("type");
            if (stanza.nodeName !== "iq" || type === "get" || type === "set") {
              this.stanzaListener(fromDom(stanza));
            }
            return true;
          });
          resolve(connection.jid);
        } else if (status === S.AUTHFAIL) {
          reject(new LoginError("auth", condition));
        } else if ((status === S.CONNFAIL || status === S.ERROR || status === S.CONNTIMEOUT) && !connected) {
          connection.reset();
          reject(new LoginError("unreachable", condition));
        } else if (status === S.DISCONNECTED && connected) {
          connected = false;
          this.closedListener();
        }
      });
    });
  }

  send(element) {
    this.connection.send(toDom(element));
  }

  request(element, timeoutMs) {
    return new Promise((resolve, reject) => {
      this.connection.sendIQ(toDom(element), (answer) => resolve(fromDom(answer)), (answer) => {
        if (!answer) {
          reject(new RequestError("remote-server-timeout", ""));
          return;
        }
        const parsed = fromDom(answer);
        reject(requestError(parsed.getChild("error")));
      }, timeoutMs);
    });
  }

  disconnect() {
    if (!this.connection) return;
    this.connection.flush();
    this.connection.disconnect("logged out");
  }
}

function toDom(element) {
  return Strophe.xmlHtmlNode(element.toString()).documentElement;
}

function fromDom(element) {
  return parseStanza(Strophe.serialize(element));
}

/**
 * The one element serialized in {@code text} (a stanza that came over a data channel or through BOSH), or null when the
 * text is not well-formed XML or holds more than one element. xmpp.js's parser (the one its WebSocket uses, one stanza a
 * frame) makes plain objects: nothing in a contact's stanza ever becomes a node of the page, and it knows no entities but
 * XML's own.
 */
export function parseStanza(text) {
  const parser = new FramedParser();
  const elements = [];
  let malformed = false;
  parser.on("element", (element) => elements.push(element));
  parser.on("error", () => { malformed = true; });
  try {
    parser.write(text.trim());
  } catch {
    return null;
  }
  return !malformed && elements.length === 1 && !parser.cursor ? elements[0] : null;
}
