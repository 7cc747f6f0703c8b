// The web chat's entry point. A site adds
//   <script src="https://chat.example.org:7443/tandem/embed.js" data-domain="example.org" async></script>
// and gets a floating, collapsible panel; /tandem/ on the chat server shows the same panel as a whole page.
// Options are data attributes of that script tag:
//   data-domain     the XMPP domain a bare name is completed with ("alice" -> alice@example.org)
//   data-transport  "websocket" (default: WebSocket, then BOSH if that fails) or "bosh" (BOSH only)
//   data-mode       "page" fills the page and is always open (the /tandem/ page uses it)
//   data-max-shown-messages  messages shown at most per conversation; older ones leave the page, not the history
//                   (panel.js has the default and why)
//   data-direct-ack-timeout, data-direct-retry-delay, data-direct-receipt-wait, data-direct-setup-timeout
//                   the direct path's timings in milliseconds (direct.js has the defaults and why)
// Everything else (the server's address, the style sheet) comes from where the script itself was loaded.
import { el } from "./dom.js";
import { Session } from "./session.js";
import { Panel, MAX_SHOWN_MESSAGES } from "./panel.js";
import { Direct, DIRECT_DEFAULTS, MIN_ACK_TIMEOUT_MS } from "./direct.js";

const script = document.currentScript;

function services(base, transport) {
  const bosh = { name: "bosh", url: new URL("/http-bind/", base).href };
  const socketUrl = new URL("/ws/", base);
  socketUrl.protocol = socketUrl.protocol === "https:" ? "wss:" : "ws:";
  const websocket = { name: "websocket", url: socketUrl.href };
  return transport === "bosh" ? [bosh] : [websocket, bosh];
}

/** A whole number of at least {@code least} from a data attribute, or the default when it is missing or not one. */
function positiveInteger(text, fallback, least = 1) {
  const value = Number(text);
  return text && Number.isInteger(value) && value >= least ? value : fallback;
}

/**
 * The direct path's timings from data-direct-* attributes (milliseconds); a value that is not a number, or an
 * acknowledgement timeout under MIN_ACK_TIMEOUT_MS, is ignored.
 */
function directSettings(data) {
  const settings = {};
  for (const [name, attribute] of [["ackTimeoutMs", "directAckTimeout"], ["retryDelayMs", "directRetryDelay"],
    ["receiptWaitMs", "directReceiptWait"], ["setupTimeoutMs", "directSetupTimeout"]]) {
    settings[name] = positiveInteger(data[attribute], DIRECT_DEFAULTS[name],
      name === "ackTimeoutMs" ? MIN_ACK_TIMEOUT_MS : 1);
  }
  return settings;
}

function start() {
  const base = new URL(script.src, document.baseURI);
  const page = script.dataset.mode === "page";
  const host = el("div", { id: "tandem-chat", "data-mode": page ? "page" : "float" });
  // A shadow root keeps the site's styles out of the panel and the panel's out of the site; CSS custom properties
  // (--tandem-*) still inherit into it, which is how a site styles the panel.
  const root = host.attachShadow({ mode: "open" });
  root.append(el("link", { rel: "stylesheet", href: new URL("embed.css", base).href }));
  const session = new Session(services(base, script.dataset.transport));
  const panel = new Panel(root, session, new Direct(session, directSettings(script.dataset)),
    { domain: script.dataset.domain || "", page,
      maxShownMessages: positiveInteger(script.dataset.maxShownMessages, MAX_SHOWN_MESSAGES) });
  (page ? document.querySelector("main") || document.body : document.body).append(host);
  window.Tandem = {
    /** Opens the panel. */
    open: () => panel.setOpen(true),
    /** Collapses the panel. */
    close: () => panel.setOpen(false),
    /** Opens the panel on the conversation with jid. */
    chat: (jid) => {
      panel.setOpen(true);
      panel.openConversation(jid);
    },
    /** Unread messages in all conversations; a "tandem:unread" event on window tells of each change. */
    unread: () => [...panel.contacts.values()].reduce((sum, contact) => sum + contact.unread, 0),
  };
  window.dispatchEvent(new CustomEvent("tandem:ready"));
}

if (document.body) start();
else document.addEventListener("DOMContentLoaded", start);
