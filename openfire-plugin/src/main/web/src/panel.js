// The chat panel: login form, roster, conversations, own presence, subscription requests and the offline-delivery
// settings. Its elements carry stable ids and data attributes that sites and tests may rely on (see the README).
import { el, replaceChildren } from "./dom.js";
import { renderForm, notes, formOf } from "./forms.js";

/** Presence values shown, best first: a contact with several resources shows the best of them. */
const PRESENCE_RANK = ["chat", "available", "away", "dnd", "xa", "unavailable"];
const PRESENCE_LABEL = { chat: "Free to chat", available: "Online", away: "Away", dnd: "Busy",
  xa: "Away for long", unavailable: "Offline" };
/** Typing stops counting as "composing" after this much quiet (XEP-0085 suggests some seconds). */
const PAUSED_AFTER_MS = 3000;
/** The plugin's offline-delivery commands all share this node prefix. */
const DELIVERY_COMMANDS = "https://tandem.im/ns/notify#";
/**
 * Messages shown at most per open conversation (data-max-shown-messages): the more are shown, the more the browser
 * lays out and paints in each frame that adds one, so a long conversation would slow every message down. Measured in
 * headless Chromium on a 2-core machine before the groups below, the median round trip between two pages was 7 to
 * 13 ms with 500 shown and 2.8 to 9.1 ms with 200 (2.4 to 3.3 ms with the log hidden), the receiving page busy drawing
 * when a message came. Older ones only leave the page: the panel's history keeps them.
 */
export const MAX_SHOWN_MESSAGES = 200;
/**
 * The share of the shown messages that leave the page at once when one more would pass the limit. Taking the oldest
 * away one by one moved every other message up with each new one, so the browser painted all of them again in every
 * frame; taken away a quarter at a time, most frames only add a message at the end (in headless Chromium, a frame that
 * adds one took 2.0 to 2.4 ms of the page's main thread this way, against 3.8 to 4.0 ms with 200 shown one by one;
 * four runs each).
 */
const TRIMMED_SHARE = 0.25;
/**
 * Shown messages are grouped in boxes of this many, each laid out and painted on its own (CSS containment), so that a
 * new message costs the browser the layout and paint of its group, not of every message shown: in headless Chromium a
 * frame adding one of 200 shown took 1.7 ms of the page's main thread in groups of 20, as with 50 shown ungrouped,
 * against 2.2 to 2.4 ms ungrouped (two runs each). Twenty keep a group around a screenful.
 */
const MESSAGES_PER_GROUP = 20;
/** The log counts as scrolled to the end within this many pixels of it (rounding of fractional positions). */
const AT_END_SLACK_PX = 4;
/** One formatter for all message times: making one per message costs more than the rest of showing it. */
const TIME_FORMAT = new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit" });

export class Panel {
  /** @param direct sends and receives messages on each conversation's route (direct.js) */
  constructor(root, session, direct, options) {
    this.session = session;
    this.direct = direct;
    this.options = options;
    this.contacts = new Map();
    this.current = null;
    /** The open conversation's shown messages of ours by id, for receipts and re-routes without searching the page. */
    this.shownSent = new Map();
    /** Whether the log is scrolled to its end, so that new messages keep it there; kept by its scroll events. */
    this.atEnd = true;
    this.scrollPending = false;
    /** Messages in the log (in its groups). */
    this.shownCount = 0;
    this.open = options.page;
    this.build(root);
    this.wire();
  }

  build(root) {
    this.unreadBadge = el("span", { class: "badge", id: "tandem-unread", hidden: true });
    this.toggle = el("button", { type: "button", class: "toggle", id: "tandem-toggle", "aria-expanded": "false",
      onclick: () => this.setOpen(!this.open) }, "Chat ", this.unreadBadge);
    this.error = el("p", { class: "error", role: "alert" });
    this.jidInput = el("input", { id: "tandem-jid", type: "text", autocomplete: "username",
      placeholder: this.options.domain ? "name or name@" + this.options.domain : "name@example.org" });
    this.passwordInput = el("input", { id: "tandem-password", type: "password", autocomplete: "current-password" });
    this.loginButton = el("button", { id: "tandem-login", type: "submit" }, "Log in");
    this.loginForm = el("form", { class: "login", onsubmit: (event) => { event.preventDefault(); this.login(); } },
      el("label", {}, "Address", this.jidInput), el("label", {}, "Password", this.passwordInput),
      this.loginButton, this.error);

    this.me = el("span", { class: "me", id: "tandem-me" });
    this.showSelect = el("select", { id: "tandem-show", onchange: () => this.sendPresence() },
      ...["available", "away", "dnd", "xa"].map((show) => el("option", { value: show }, PRESENCE_LABEL[show])));
    this.statusInput = el("input", { id: "tandem-status", type: "text", placeholder: "Status message",
      onchange: () => this.sendPresence() });
    this.requests = el("ul", { class: "requests", id: "tandem-requests" });
    this.roster = el("ul", { class: "roster", id: "tandem-roster" });
    this.addInput = el("input", { id: "tandem-add-jid", type: "text", placeholder: "Add contact: name@example.org" });
    this.addForm = el("form", { class: "add", onsubmit: (event) => { event.preventDefault(); this.addContact(); } },
      this.addInput, el("button", { id: "tandem-add", type: "submit" }, "Add"));
    this.settings = el("div", { class: "settings", id: "tandem-settings", hidden: true });
    this.contactsError = el("p", { class: "error", role: "alert" });
    this.contactsView = el("div", { class: "contacts" }, this.requests, this.roster, this.addForm, this.contactsError,
      el("button", { type: "button", class: "link", id: "tandem-settings-open", onclick: () => this.showSettings() },
        "Offline delivery settings"), this.settings);

    this.peerName = el("span", { class: "peer" });
    this.typing = el("span", { class: "typing", id: "tandem-typing" });
    this.routeMark = el("span", { class: "route", id: "tandem-route" });
    this.log = el("div", { class: "log", id: "tandem-log", "aria-live": "polite" });
    this.input = el("input", { id: "tandem-input", type: "text", placeholder: "Message", autocomplete: "off" });
    this.conversation = el("div", { class: "conversation", hidden: true },
      el("div", { class: "peer-bar" }, el("button", { type: "button", class: "back", id: "tandem-back",
        onclick: () => this.closeConversation() }, "‹"), this.peerName, this.routeMark, this.typing),
      this.log, this.input);
    this.main = el("div", { class: "main", hidden: true },
      el("div", { class: "own" }, this.me, this.showSelect, this.statusInput,
        el("button", { type: "button", id: "tandem-logout", onclick: () => this.logout() }, "Log out")),
      this.contactsView, this.conversation);
    this.body = el("section", { class: "body", hidden: !this.open }, this.loginForm, this.main);
    this.frame = el("div", { class: "panel" }, this.options.page ? null : this.toggle, this.body);
    root.append(this.frame);
  }

  wire() {
    const listen = (source) => (name, handler) => source.addEventListener(name, (event) => handler(event.detail));
    const on = listen(this.session);
    on("contact", (item) => this.onContact(item));
    on("presence", (presence) => this.onPresence(presence));
    on("request", (request) => this.onRequest(request.jid));
    on("chatstate", (state) => this.onChatState(state));
    on("disconnected", () => this.showLogin("The connection to the chat server was lost."));
    // Messages and receipts come through the direct path's rules: each message once, whichever route it took.
    const onDirect = listen(this.direct);
    onDirect("message", (message) => this.onMessage(message));
    onDirect("receipt", (receipt) => this.onReceipt(receipt));
    onDirect("rerouted", (change) => this.onRerouted(change));
    onDirect("route", (change) => this.onRoute(change));
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.send();
      }
    });
    this.input.addEventListener("input", () => this.typed());
    // Read when the browser scrolls (layout is then up to date), not per message, which would force a layout. While
    // a scroll to the end is due, a scroll event tells of an earlier position, before the newest messages came.
    this.log.addEventListener("scroll", () => {
      if (this.scrollPending) return;
      this.atEnd = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - AT_END_SLACK_PX;
    }, { passive: true });
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && this.current) this.markRead(this.current);
    });
  }

  setOpen(open) {
    this.open = open;
    this.body.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    if (open && this.current) this.markRead(this.current);
  }

  async login() {
    let jid = this.jidInput.value.trim();
    if (!jid.includes("@") && this.options.domain) jid += "@" + this.options.domain;
    if (!/^[^@\s/]+@[^@\s/]+$/.test(jid)) {
      this.error.textContent = "Enter your address, such as alice@example.org.";
      return;
    }
    // Asked here because browsers allow the question only in answer to a click.
    if ("Notification" in window && Notification.permission === "default") Notification.requestPermission();
    this.error.textContent = "";
    this.loginButton.disabled = true;
    try {
      await this.session.login(jid, this.passwordInput.value);
      this.passwordInput.value = "";
      this.me.textContent = jid;
      this.loginForm.hidden = true;
      this.main.hidden = false;
      this.main.dataset.transport = this.session.transport;
    } catch (problem) {
      this.error.textContent = problem.message;
    } finally {
      this.loginButton.disabled = false;
    }
  }

  logout() {
    this.direct.close(true);
    this.session.logout();
    this.showLogin("");
  }

  showLogin(message) {
    this.contacts.clear();
    this.current = null;
    replaceChildren(this.roster);
    replaceChildren(this.requests);
    this.showMessages([]);
    this.conversation.hidden = true;
    this.contactsView.hidden = false;
    this.main.hidden = true;
    this.loginForm.hidden = false;
    this.error.textContent = message;
    this.updateUnread(null);
  }

  contact(jid) {
    let contact = this.contacts.get(jid);
    if (!contact) {
      // sent: our messages by id, for their receipts and re-routes.
      contact = { jid, name: "", subscription: "none", pending: false, resources: new Map(), messages: [],
        sent: new Map(), unread: 0, inRoster: false };
      this.contacts.set(jid, contact);
    }
    return contact;
  }

  onContact(item) {
    if (item.subscription === "remove") {
      this.contacts.delete(item.jid);
      if (this.current === item.jid) this.closeConversation();
    } else {
      Object.assign(this.contact(item.jid), item, { inRoster: true });
    }
    this.renderRoster();
  }

  onPresence({ jid, resource, show, status }) {
    const contact = this.contact(jid);
    if (show === "unavailable") contact.resources.delete(resource);
    else contact.resources.set(resource, { show, status });
    this.renderRoster();
  }

  presenceOf(contact) {
    const shown = [...contact.resources.values()];
    shown.sort((a, b) => PRESENCE_RANK.indexOf(a.show) - PRESENCE_RANK.indexOf(b.show));
    return shown[0] || { show: "unavailable", status: "" };
  }

  renderRoster() {
    const shown = [...this.contacts.values()].filter((contact) => contact.inRoster || contact.messages.length);
    shown.sort((a, b) => PRESENCE_RANK.indexOf(this.presenceOf(a).show) - PRESENCE_RANK.indexOf(this.presenceOf(b).show)
      || (a.name || a.jid).localeCompare(b.name || b.jid));
    replaceChildren(this.roster, shown.map((contact) => {
      const presence = this.presenceOf(contact);
      return el("li", { "data-jid": contact.jid, "data-presence": presence.show, tabindex: "0",
        title: PRESENCE_LABEL[presence.show] || presence.show, onclick: () => this.openConversation(contact.jid),
        onkeydown: (event) => { if (event.key === "Enter") this.openConversation(contact.jid); } },
      el("span", { class: "dot" }), el("span", { class: "name" }, contact.name || contact.jid),
      contact.pending ? el("span", { class: "pending" }, " (asked)") : null,
      el("span", { class: "status" }, presence.status),
      el("span", { class: "badge", hidden: contact.unread === 0 }, contact.unread || ""),
      contact.inRoster ? el("button", { type: "button", class: "remove", title: "Remove " + contact.jid,
        "aria-label": "Remove " + contact.jid,
        onclick: (event) => { event.stopPropagation(); this.removeContact(contact.jid); } }, "×") : null);
    }));
  }

  onRequest(jid) {
    if (this.requests.querySelector(`li[data-jid="${CSS.escape(jid)}"]`)) return;
    const item = el("li", { "data-jid": jid }, el("span", { class: "name" }, jid), " wants to add you ",
      el("button", { type: "button", class: "accept", onclick: () => { this.session.acceptRequest(jid); item.remove(); } },
        "Accept"),
      el("button", { type: "button", class: "deny", onclick: () => { this.session.denyRequest(jid); item.remove(); } },
        "Deny"));
    this.requests.append(item);
  }

  async addContact() {
    let jid = this.addInput.value.trim();
    if (!jid.includes("@") && this.options.domain) jid += "@" + this.options.domain;
    if (!/^[^@\s/]+@[^@\s/]+$/.test(jid)) {
      this.contactsError.textContent = "Enter an address such as bob@example.org.";
      return;
    }
    this.contactsError.textContent = "";
    try {
      await this.session.addContact(jid.toLowerCase());
      this.addInput.value = "";
    } catch (problem) {
      this.contactsError.textContent = "Could not add " + jid + ": " + problem.message;
    }
  }

  async removeContact(jid) {
    this.contactsError.textContent = "";
    try {
      await this.session.removeContact(jid);
    } catch (problem) {
      this.contactsError.textContent = "Could not remove " + jid + ": " + problem.message;
    }
  }

  sendPresence() {
    this.session.setPresence(this.showSelect.value, this.statusInput.value.trim());
  }

  openConversation(jid) {
    this.current = jid;
    const contact = this.contact(jid);
    this.peerName.textContent = contact.name || jid;
    this.typing.textContent = "";
    this.showMessages(contact.messages.slice(-this.options.maxShownMessages));
    this.contactsView.hidden = true;
    this.conversation.hidden = false;
    this.conversation.dataset.jid = jid;
    this.showRoute(jid);
    this.markRead(jid);
    this.atEnd = true;
    this.log.scrollTop = this.log.scrollHeight;
    this.input.focus();
  }

  /** Replaces the log's messages. */
  showMessages(messages) {
    const elements = messages.map((message) => this.messageElement(message));
    this.shownSent = new Map(elements.filter((element) => element.dataset.direction === "out" && element.dataset.id)
      .map((element) => [element.dataset.id, element]));
    const groups = [];
    for (let start = 0; start < elements.length; start += MESSAGES_PER_GROUP) {
      groups.push(messageGroup(elements.slice(start, start + MESSAGES_PER_GROUP)));
    }
    replaceChildren(this.log, groups);
    this.shownCount = elements.length;
  }

  closeConversation() {
    this.current = null;
    this.conversation.hidden = true;
    this.contactsView.hidden = false;
  }

  messageElement(message) {
    return el("div", { class: "message " + message.direction, "data-from": message.from,
      "data-direction": message.direction, "data-route": message.route, "data-id": message.id || undefined,
      "data-receipt": message.received ? "received" : undefined },
    el("span", { class: "text" }, message.body),
    el("span", { class: "meta" }, TIME_FORMAT.format(message.time),
      message.direction === "out" ? el("span", { class: "tick", title: "Delivered" }, message.received ? " ✓" : "")
        : null));
  }

  addMessage(jid, message) {
    const contact = this.contact(jid);
    contact.messages.push(message);
    if (message.direction === "out") contact.sent.set(message.id, message);
    if (this.current !== jid) return;
    const element = this.messageElement(message);
    if (message.direction === "out" && message.id) this.shownSent.set(message.id, element);
    let group = this.log.lastElementChild;
    if (!group || group.childElementCount >= MESSAGES_PER_GROUP) {
      group = messageGroup([]);
      this.log.append(group);
    }
    group.append(element);
    this.shownCount += 1;
    if (this.shownCount > this.options.maxShownMessages) this.trimShown();
    if (this.atEnd) this.scrollToEndSoon();
  }

  /** Takes the oldest shown messages out of the page, the trimmed share of the limit at once (see TRIMMED_SHARE). */
  trimShown() {
    const limit = this.options.maxShownMessages;
    const kept = limit - Math.floor(limit * TRIMMED_SHARE);
    while (this.shownCount > kept) {
      const group = this.log.firstElementChild;
      const oldest = group.firstElementChild;
      if (this.shownSent.get(oldest.dataset.id) === oldest) this.shownSent.delete(oldest.dataset.id);
      oldest.remove();
      if (!group.firstElementChild) group.remove();
      this.shownCount -= 1;
    }
  }

  /**
   * Keeps the newest message in view, once per frame however many arrive: reading the log's height right after a
   * change would make the browser lay the page out again for each message. The scroll waits for the next frame, which
   * a tab in the background does not get; nothing else waits for it, so delivery and receipts never do.
   */
  scrollToEndSoon() {
    if (this.scrollPending) return;
    this.scrollPending = true;
    requestAnimationFrame(() => {
      this.scrollPending = false;
      this.log.scrollTop = this.log.scrollHeight;
    });
  }

  onMessage({ jid, id, body, route, time }) {
    const contact = this.contact(jid);
    // Someone not on the roster appears there with their first message.
    const firstShown = !contact.inRoster && contact.messages.length === 0;
    this.addMessage(jid, { from: jid, direction: "in", route, id, body, time, received: false });
    if (this.current === jid) this.typing.textContent = "";
    const seen = this.open && this.current === jid && !document.hidden;
    if (!seen) contact.unread += 1;
    // The roster and the unread count change only with an unread message or a new entry: redrawing them for each
    // message read at once would cost more than showing it.
    if (!seen || firstShown) this.renderRoster();
    if (!seen) this.updateUnread(jid);
    if (document.hidden && "Notification" in window && Notification.permission === "granted") {
      new Notification(contact.name || jid, { body, tag: jid });
    }
  }

  onReceipt({ jid, id }) {
    const message = this.contact(jid).sent.get(id);
    if (!message) return;
    message.received = true;
    const shown = this.current === jid && this.shownSent.get(id);
    if (shown) {
      shown.dataset.receipt = "received";
      shown.querySelector(".tick").textContent = " ✓";
    }
  }

  /** A message sent directly but not acknowledged went again through the server. */
  onRerouted({ jid, id, route }) {
    const message = this.contact(jid).sent.get(id);
    if (message) message.route = route;
    const shown = this.current === jid && this.shownSent.get(id);
    if (shown) shown.dataset.route = route;
  }

  /** The conversation's route changed: the peer bar tells, as the desktop client's route event does. */
  onRoute({ jid, route, reason }) {
    this.contact(jid).route = { route, reason };
    if (this.current === jid) this.showRoute(jid);
  }

  showRoute(jid) {
    const { route, reason } = this.contact(jid).route || { route: "server", reason: "" };
    this.conversation.dataset.route = route;
    this.routeMark.textContent = route === "server" ? "" : route === "relay" ? "⇄ relay" : "⇄ direct";
    this.routeMark.title = reason;
  }

  onChatState({ jid, state }) {
    if (this.current === jid) this.typing.textContent = state === "composing" ? "typing…" : "";
  }

  send() {
    const text = this.input.value;
    if (!text.trim() || !this.current) return;
    clearTimeout(this.pausedTimer);
    this.composing = false;
    const { id, route } = this.direct.send(this.current, text);
    // One's own message is always brought into view, even when reading further up.
    this.atEnd = true;
    this.addMessage(this.current, { from: this.session.bareJid(), direction: "out", route, id, body: text,
      time: new Date(), received: false });
    this.input.value = "";
  }

  typed() {
    if (!this.current) return;
    if (!this.composing) {
      this.composing = true;
      this.session.sendChatState(this.current, "composing");
    }
    clearTimeout(this.pausedTimer);
    const peer = this.current;
    this.pausedTimer = setTimeout(() => {
      this.composing = false;
      this.session.sendChatState(peer, "paused");
    }, PAUSED_AFTER_MS);
  }

  markRead(jid) {
    const contact = this.contacts.get(jid);
    if (!contact || contact.unread === 0) return;
    contact.unread = 0;
    this.renderRoster();
    this.updateUnread(jid);
  }

  updateUnread(jid) {
    const total = [...this.contacts.values()].reduce((sum, contact) => sum + contact.unread, 0);
    this.unreadBadge.textContent = total ? String(total) : "";
    this.unreadBadge.hidden = total === 0;
    window.dispatchEvent(new CustomEvent("tandem:unread", { detail: { total, jid } }));
  }

  async showSettings() {
    this.settings.hidden = !this.settings.hidden;
    if (this.settings.hidden) return;
    replaceChildren(this.settings, el("p", {}, "Loading…"));
    try {
      const commands = await this.session.listCommands(DELIVERY_COMMANDS);
      if (!commands.length) {
        replaceChildren(this.settings, el("p", {}, "This server offers no offline delivery."));
        return;
      }
      replaceChildren(this.settings, el("ul", { class: "commands" }, commands.map((command) => el("li", {},
        el("button", { type: "button", class: "link", "data-node": command.node,
          onclick: () => this.runCommand(command.node, null, null) }, command.name || command.node)))));
    } catch (problem) {
      replaceChildren(this.settings, el("p", { class: "error" }, problem.message));
    }
  }

  async runCommand(node, sessionid, fields) {
    try {
      const answer = await this.session.command(node, sessionid, fields ? "complete" : "execute", fields);
      const form = formOf(answer);
      const shown = form ? renderForm(form) : null;
      const lines = notes(answer).map((note) => el("p", { class: "note " + note.type }, note.text));
      const executing = answer.attrs.status === "executing";
      const back = el("button", { type: "button", class: "link", onclick: () => {
        this.settings.hidden = true;
        this.showSettings();
      } }, executing ? "Cancel" : "Back");
      const submit = executing && shown ? el("button", { type: "button", class: "submit", onclick: () =>
        this.runCommand(node, answer.attrs.sessionid, shown.read()) }, "Save") : null;
      replaceChildren(this.settings, el("div", { class: "command", "data-node": node },
        form ? el("h3", {}, form.getChildText("title") || "") : null,
        lines, shown ? shown.element : null, submit, back));
    } catch (problem) {
      replaceChildren(this.settings, el("p", { class: "error" }, problem.message));
    }
  }
}

/** A box of shown messages (see MESSAGES_PER_GROUP); the stylesheet contains its layout and paint. */
function messageGroup(messages) {
  return el("div", { class: "group" }, messages);
}
