package im.tandem.client.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jivesoftware.smackx.chatstates.ChatState;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import im.tandem.client.TandemClient;
import im.tandem.client.chat.CarbonCopy;
import im.tandem.client.chat.ChatStateNotice;
import im.tandem.client.chat.Contact;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.chat.Receipt;
import im.tandem.client.chat.Route;
import im.tandem.client.direct.RouteChange;
import im.tandem.client.extdisco.ExternalService;
import im.tandem.client.extdisco.ExternalServiceDiscoveryManager;
import im.tandem.ice.nat.NatDiscovery;
import im.tandem.ice.nat.NatDiscoveryResult;
import im.tandem.ice.net.HostPort;
import im.tandem.ice.stun.StunDefaults;

/**
 * The chat program's behaviour, apart from how it is shown: turns typed lines into actions on the client and the
 * client's news into {@link ChatEvent}s. Every failure becomes an {@code error} event; the program goes on.
 */
public final class ChatController {
    /** Messages the server held while we were offline. */
    static final String ROUTE_OFFLINE = "offline";
    /** Messages another of the user's devices sent or received (XEP-0280 carbons). */
    static final String ROUTE_ELSEWHERE = "elsewhere";

    private final Consumer<ChatEvent> out;
    private final NotifyActions notifications;
    private final FileActions files;
    private volatile TandemClient client;
    private final Map<String, Boolean> lastAvailability = new ConcurrentHashMap<>();
    /** What was last shown of each roster entry, so that the roster's load at login is not shown twice. */
    private final Map<String, List<Object>> lastEntry = new ConcurrentHashMap<>();
    private volatile boolean rosterListed;
    private volatile EntityBareJid selected;
    private volatile ChatHistory history;
    /** Messages from each contact other than the selected one since the user last turned to them. */
    private final Map<EntityBareJid, Integer> unread = new ConcurrentHashMap<>();
    private final AwaitedReceipts receipts = new AwaitedReceipts();
    /** Each contact's last chat state notification, cleared by their next message. */
    private final Map<EntityBareJid, ChatState> contactStates = new ConcurrentHashMap<>();
    /** On a terminal: the user's typing, told to the contact as chat states. */
    private volatile TypingNotifier typing;

    /** A controller that takes contacts' files without asking, as a script expects. */
    public ChatController(Consumer<ChatEvent> out) {
        this(out, AcceptFiles.CONTACTS);
    }

    /** A controller that treats contacts' file offers as {@code acceptFiles} says. */
    ChatController(Consumer<ChatEvent> out, AcceptFiles acceptFiles) {
        this.out = out;
        this.notifications = new NotifyActions(out);
        this.files = new FileActions(out, acceptFiles);
    }

    /**
     * Listens to the client; called before login (see {@link TandemClient#connect(im.tandem.client.connect.ClientConfig,
     * Consumer)}) so that messages the server held are not missed.
     */
    public void attach(TandemClient tandemClient) {
        this.client = tandemClient;
        tandemClient.onMessage(this::received);
        tandemClient.onPresence(this::presenceChanged);
        tandemClient.onRouteChange(this::routeChanged);
        tandemClient.onRosterChange(this::entryChanged, this::entryRemoved);
        tandemClient.onCarbon(this::copied);
        tandemClient.onReceipt(this::receiptCame);
        tandemClient.onChatState(this::chatStateCame);
        tandemClient.contactList().onSubscription(event ->
                out.accept(ChatEvent.of(event.kind().word(), event.jid().toString())));
        files.attach(tandemClient);
    }

    /** Keeps every message sent and received in {@code kept}, and answers {@code /history} from it. */
    void keepHistory(ChatHistory kept) {
        this.history = kept;
    }

    /** Tells contacts when the user types to them at the terminal (XEP-0085), pausing after {@code pausedAfter}. */
    void tellTyping(Duration pausedAfter) {
        typing = new TypingNotifier((contact, state) -> {
            try {
                client.sendChatState(contact, state);
            } catch (RuntimeException e) {
                out.accept(ChatEvent.withText("debug", "cannot tell " + contact + " " + state + ": " + e));
            }
        }, pausedAfter);
    }

    /** The line the user is typing at the terminal is now {@code buffer}. */
    void edited(String buffer) {
        TypingNotifier notifier = typing;
        if (notifier != null && client != null) {
            notifier.edited(selected(), buffer);
        }
    }

    /** Whether the contact's last chat state says they are typing. */
    public boolean isTyping(EntityBareJid contact) {
        return contactStates.get(contact) == ChatState.composing;
    }

    /** Stops telling contacts of the user's typing. */
    void stopTyping() {
        TypingNotifier notifier = typing;
        if (notifier != null) {
            notifier.close();
        }
    }

    /** Announces the login and the roster. */
    public void started() {
        out.accept(ChatEvent.of("connected", client.connection().getUser().toString()));
        listRoster();
    }

    /** The conversation partner plain lines go to, if chosen. */
    public Optional<EntityBareJid> selected() {
        return Optional.ofNullable(selected);
    }

    /** Unread messages per contact, by bare JID, in JID order; the selected contact's are always read. */
    public java.util.SortedMap<String, Integer> unread() {
        java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
        unread.forEach((jid, count) -> counts.put(jid.toString(), count));
        return counts;
    }

    /** The contacts' bare JIDs, for completion; empty before login. */
    public List<String> contactJids() {
        TandemClient current = client;
        if (current == null) {
            return List.of();
        }
        try {
            return current.contacts().stream().map(contact -> contact.jid().toString()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** How messages to the contact travel now: through the server or directly. */
    public Route route(EntityBareJid contact) {
        return client.route(contact);
    }

    /** Handles the lines of a stream in turn, until it ends or one asks to quit: line mode without a terminal. */
    public void handleLines(InputStream input) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && handle(line)) {
            // each line handled in turn
        }
    }

    /** Handles one typed line; false when the user asked to quit. */
    public boolean handle(String line) {
        ChatInput input;
        try {
            input = ChatInput.parse(line);
        } catch (IllegalArgumentException e) {
            out.accept(ChatEvent.withText("error", e.getMessage()));
            return true;
        }
        try {
            if (input instanceof ChatInput.Quit) {
                return false;
            } else if (input instanceof ChatInput.SelectContact select) {
                EntityBareJid previous = selected;
                selected = jid(select.jid());
                if (previous != null && !previous.equals(selected) && typing != null) {
                    typing.turnedAway(previous);
                }
                unread.remove(selected);
                out.accept(ChatEvent.withText("info", "talking to " + selected + " (" + route(selected).word() + ")"));
            } else if (input instanceof ChatInput.Send send) {
                send(send);
            } else if (input instanceof ChatInput.ListRoster) {
                listRoster();
            } else if (input instanceof ChatInput.AddContact add) {
                client.contactList().add(jid(add.jid()), add.name().orElse(null));
            } else if (input instanceof ChatInput.RemoveContact remove) {
                client.contactList().remove(jid(remove.jid()));
            } else if (input instanceof ChatInput.AnswerRequest answer) {
                answer(jid(answer.jid()), answer.accept());
            } else if (input instanceof ChatInput.ListRequests) {
                listRequests();
            } else if (input instanceof ChatInput.RenameContact rename) {
                EntityBareJid contact = jid(rename.jid());
                client.contactList().rename(contact, rename.name());
                // Smack applies the new name before the server's push arrives, and then sees no change to report.
                entryChanged(client.contact(contact));
            } else if (input instanceof ChatInput.SetStatus status) {
                client.setPresence(status.mode(), status.text());
                out.accept(ChatEvent.withText("status", status.text().isEmpty() ? null : status.text(),
                        status.mode().name()));
            } else if (input instanceof ChatInput.SendChatState state) {
                EntityBareJid contact = jid(state.jid());
                if (!client.sendChatState(contact, state.state())) {
                    out.accept(ChatEvent.withText("info", contact + " does not take typing notifications"
                            + " (XEP-0085): nothing sent"));
                }
            } else if (input instanceof ChatInput.DiscoverNat nat) {
                discoverNat(nat.stunServer());
            } else if (input instanceof ChatInput.SendFile file) {
                files.send(client, jid(file.jid()), Path.of(file.path()));
            } else if (input instanceof ChatInput.AnswerFile answer) {
                files.answer(answer.id(), answer.accept());
            } else if (input instanceof ChatInput.Notify notify) {
                notifications.run(notify.request(), client.connection());
            } else if (input instanceof ChatInput.ShowHistory show) {
                showHistory(jid(show.jid()), show.count());
            } else if (input instanceof ChatInput.Help) {
                help();
            }
        } catch (IllegalArgumentException e) {
            out.accept(ChatEvent.withText("error", e.getMessage()));
        } catch (Exception e) {
            out.accept(ChatEvent.withText("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return true;
    }

    private void send(ChatInput.Send send) throws Exception {
        EntityBareJid to = send.jid().map(ChatController::jid).orElse(selected);
        if (to == null) {
            throw new IllegalArgumentException("choose a contact with /to JID first, or use /msg JID TEXT");
        }
        String id = UUID.randomUUID().toString();
        receipts.sending(id, to, send.text());
        Route route;
        try {
            route = client.send(to, send.text(), id);
        } catch (Exception e) {
            receipts.failed(id);
            throw e;
        }
        if (typing != null) {
            typing.messageSent(to);
        }
        remember(to, new ChatHistory.Entry(Instant.now(), false, route.word(), send.text()));
        out.accept(ChatEvent.withText("sent", send.text(), to.toString(), route.word()));
        receipts.shown(id).ifPresent(this::showReceipt);
    }

    private void receiptCame(Receipt receipt) {
        receipts.received(receipt).ifPresent(this::showReceipt);
    }

    private void showReceipt(AwaitedReceipts.Message message) {
        out.accept(ChatEvent.withText("receipt", message.text(), message.to().toString()));
    }

    private void chatStateCame(ChatStateNotice notice) {
        contactStates.put(notice.from(), notice.state());
        out.accept(ChatEvent.of("typing", notice.from().toString(), notice.state().name()));
    }

    private void listRoster() {
        try {
            for (Contact contact : client.contacts()) {
                lastAvailability.put(contact.jid().toString(), contact.available());
                lastEntry.put(contact.jid().toString(), entryOf(contact));
                showContact(contact);
            }
            rosterListed = true;
        } catch (Exception e) {
            out.accept(ChatEvent.withText("error", "cannot read the roster: " + e.getMessage()));
        }
    }

    private void answer(EntityBareJid jid, boolean accept) throws Exception {
        if (accept) {
            client.contactList().accept(jid);
        } else {
            client.contactList().deny(jid);
        }
        out.accept(ChatEvent.withText("info", (accept ? "accepted " : "denied ") + jid + "'s request"));
    }

    private void listRequests() {
        List<BareJid> waiting = client.contactList().requests();
        if (waiting.isEmpty()) {
            out.accept(ChatEvent.withText("info", "no requests are waiting"));
        }
        waiting.forEach(jid -> out.accept(ChatEvent.of("request", jid.toString())));
    }

    private void showContact(Contact contact) {
        out.accept(ChatEvent.withText("contact", contact.name(), contact.jid().toString(), contact.status(),
                contact.subscription(), ListField.encode(contact.groups())));
    }

    private void entryChanged(Contact contact) {
        if (!rosterListed) {
            return; // the roster's load at login: the listing that follows shows it
        }
        List<Object> entry = entryOf(contact);
        if (!entry.equals(lastEntry.put(contact.jid().toString(), entry))) {
            showContact(contact);
        }
    }

    private void entryRemoved(BareJid jid) {
        lastEntry.remove(jid.toString());
        out.accept(ChatEvent.of("removed", jid.toString()));
    }

    /** The parts of a contact that the roster holds, as opposed to its presence. */
    private static List<Object> entryOf(Contact contact) {
        return List.of(contact.name(), contact.subscription(), contact.groups());
    }

    private void discoverNat(Optional<String> given) throws Exception {
        InetSocketAddress server = given.isPresent()
                ? HostPort.parse("/nat", given.get()).socketAddress("/nat", StunDefaults.PORT)
                : serversStun();
        out.accept(ChatEvent.withText("info", "asking the STUN server at " + server.getHostString() + ":" + server.getPort()));
        NatDiscoveryResult result = new NatDiscovery(server).discover();
        out.accept(ChatEvent.of("nat", result.natType().map(Enum::name).orElse("UNKNOWN"),
                result.mapping().name(), result.filtering().name(),
                result.mappedAddress().map(address -> address.getHostString() + ":" + address.getPort()).orElse("-"),
                server.getHostString() + ":" + server.getPort()));
        result.reason().ifPresent(reason -> out.accept(ChatEvent.withText("info", reason)));
    }

    private InetSocketAddress serversStun() throws Exception {
        ExternalService stun = ExternalServiceDiscoveryManager.getInstanceFor(client.connection()).services().stream()
                .filter(ExternalService::isStun).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the server offers no STUN service; name one: /nat HOST[:PORT]"));
        return new InetSocketAddress(stun.host(), stun.port());
    }

    private void help() {
        ChatInput.HELP.lines().forEach(line -> out.accept(ChatEvent.withText("info", line)));
    }

    private void received(IncomingMessage message) {
        String route = message.delayedFrom().isPresent() ? ROUTE_OFFLINE : message.route().word();
        remember(message.from(), new ChatHistory.Entry(message.delayedFrom().orElseGet(Instant::now), true, route,
                message.body()));
        contactStates.remove(message.from());
        if (!message.from().equals(selected)) {
            unread.merge(message.from(), 1, Integer::sum);
        }
        out.accept(ChatEvent.withText("message", message.body(), message.from().toString(), route));
    }

    /** What another of the user's devices sent or received, shown as if this one had. */
    private void copied(CarbonCopy copy) {
        if (copy.sentByUser()) {
            remember(copy.peer(), new ChatHistory.Entry(Instant.now(), false, ROUTE_ELSEWHERE, copy.body()));
            out.accept(ChatEvent.withText("sent", copy.body(), copy.peer().toString(), ROUTE_ELSEWHERE));
        } else {
            remember(copy.peer(), new ChatHistory.Entry(Instant.now(), true, ROUTE_ELSEWHERE, copy.body()));
            out.accept(ChatEvent.withText("message", copy.body(), copy.peer().toString(), ROUTE_ELSEWHERE));
        }
    }

    /** Kept before the message is shown; a history that cannot be written is said, and the chat goes on. */
    private void remember(EntityBareJid contact, ChatHistory.Entry entry) {
        ChatHistory kept = history;
        if (kept == null) {
            return;
        }
        try {
            kept.record(contact, entry);
        } catch (java.io.UncheckedIOException e) {
            out.accept(ChatEvent.withText("error", e.getMessage() + ": " + e.getCause().getMessage()));
        }
    }

    private void showHistory(EntityBareJid contact, int count) throws java.io.IOException {
        ChatHistory kept = history;
        if (kept == null) {
            throw new IllegalArgumentException("no history is kept (--no-history)");
        }
        List<ChatHistory.Entry> entries = kept.last(contact, count);
        if (entries.isEmpty()) {
            out.accept(ChatEvent.withText("info", "no messages with " + contact + " in the history"));
        }
        entries.forEach(entry -> out.accept(ChatEvent.withText("history", entry.text(), contact.toString(),
                entry.time().toString(), entry.incoming() ? "in" : "out", entry.route())));
    }

    private void routeChanged(RouteChange change) {
        String path = change.path().map(direct -> direct.type().name().toLowerCase(Locale.ROOT)).orElse("-");
        out.accept(ChatEvent.withText("route", change.reason(), change.peer().toString(), change.route().word(),
                path));
    }

    private void presenceChanged(Contact contact) {
        String jid = contact.jid().toString();
        Boolean before = lastAvailability.put(jid, contact.available());
        out.accept(ChatEvent.withText("presence", contact.statusText().isEmpty() ? null : contact.statusText(), jid,
                contact.status()));
        if (contact.available() && !Boolean.TRUE.equals(before)) {
            out.accept(ChatEvent.of("online", jid));
        }
    }

    private static EntityBareJid jid(String text) {
        try {
            return JidCreate.entityBareFrom(text);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a bare JID such as bob@example.org");
        }
    }
}
