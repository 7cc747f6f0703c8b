package im.tandem.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.parsing.ExceptionLoggingCallback;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

import im.tandem.client.chat.CarbonCopy;
import im.tandem.client.chat.ChatStateNotice;
import im.tandem.client.chat.Contact;
import im.tandem.client.chat.ContactList;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.chat.Receipt;
import im.tandem.client.chat.Route;
import im.tandem.client.connect.AccountRegistration;
import im.tandem.client.connect.ClientConfig;
import im.tandem.client.connect.NoDelaySocketFactory;
import im.tandem.client.connect.ServerCertificates;
import im.tandem.client.connect.UntrustedCertificateException;
import im.tandem.client.direct.Conversations;
import im.tandem.client.direct.DirectConfig;
import im.tandem.client.direct.RouteChange;
import im.tandem.client.file.TandemFileTransferManager;
import im.tandem.client.jingle.TandemJingleManager;

/**
 * A logged-in Tandem account: its roster with presence, and chat. Opened with {@link #connect}, closed with
 * {@link #close()}, which sends unavailable presence so contacts see the user go.
 */
public final class TandemClient implements AutoCloseable {
    private final XMPPTCPConnection connection;
    private final Roster roster;
    private final Conversations conversations;
    private final ContactList contactList;
    private final List<Consumer<Contact>> presenceListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Contact>> entryListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<BareJid>> removalListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<CarbonCopy>> carbonListeners = new CopyOnWriteArrayList<>();

    private TandemClient(XMPPTCPConnection connection) {
        this.connection = connection;
        this.roster = Roster.getInstanceFor(connection);
        // Before login, so that the Jingle and file transfer features are in the first presence's capabilities.
        TandemJingleManager.getInstanceFor(connection);
        TandemFileTransferManager.getInstanceFor(connection);
        this.conversations = new Conversations(connection);
        this.contactList = new ContactList(connection);
    }

    /**
     * Connects and logs in. Listeners registered by {@code beforeLogin} see what the server sends right at
     * login, such as offline messages.
     */
    public static TandemClient connect(ClientConfig config, Consumer<TandemClient> beforeLogin)
            throws IOException, InterruptedException, XMPPException, SmackException {
        ServerCertificates certificates = ServerCertificates.checking(config);
        XMPPTCPConnectionConfiguration.Builder smackConfig = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(config.jid().asDomainBareJid())
                .setUsernameAndPassword(config.jid().getLocalpart(), config.password())
                .setResource(config.resource())
                .setHost(config.host())
                .setPort(config.port())
                .setSecurityMode(config.securityMode())
                .setSocketFactory(new NoDelaySocketFactory());
        certificates.applyTo(smackConfig);
        XMPPTCPConnection connection = new XMPPTCPConnection(smackConfig.build());
        // Smack closes the connection when a stanza fails to parse; one peer's malformed stanza must not cut the
        // user off, so it is logged and dropped instead.
        connection.setParsingExceptionCallback(new ExceptionLoggingCallback());
        connection.setReplyTimeout(config.replyTimeout().toMillis());
        // XEP-0198: the server acknowledges our stanzas, and a stream the server lets us resume (Openfire 4.2.0
        // does) keeps unacknowledged ones across a broken TCP connection when the connection is made again.
        connection.setUseStreamManagement(true);
        connection.setUseStreamManagementResumption(true);
        TandemClient client = new TandemClient(connection);
        client.listen();
        beforeLogin.accept(client);
        try {
            connection.connect();
        } catch (XMPPException | SmackException | IOException e) {
            Optional<UntrustedCertificateException> refused = certificates.refused(e);
            if (refused.isPresent()) {
                throw refused.get();
            }
            throw e;
        }
        try {
            if (config.register()) {
                AccountRegistration.register(connection, config.jid(), config.password());
            }
            connection.login();
            client.enableCarbons();
            // Smack sends the initial presence right after login. A round trip to the server proves it was
            // processed (a session's stanzas are handled in order), so that a message sent to this user from
            // now on is delivered live rather than stored offline.
            PingManager.getInstanceFor(connection).pingMyServer(true);
        } catch (XMPPException | SmackException | IOException | InterruptedException e) {
            connection.disconnect();
            throw e;
        }
        return client;
    }

    public static TandemClient connect(ClientConfig config)
            throws IOException, InterruptedException, XMPPException, SmackException {
        return connect(config, client -> { });
    }

    /** The underlying Smack connection, for features built on top of this client. */
    public XMPPTCPConnection connection() {
        return connection;
    }

    /** Direct sessions with mutual contacts (Jingle, ICE-UDP), signalled through the server. */
    public TandemJingleManager jingle() {
        return TandemJingleManager.getInstanceFor(connection);
    }

    public EntityBareJid jid() {
        return connection.getUser().asEntityBareJid();
    }

    /** Each chat message once, whichever route it came by, in the order it arrived. */
    public void onMessage(Consumer<IncomingMessage> listener) {
        conversations.onMessage(listener);
    }

    /**
     * Lets conversations with contacts that are Tandem clients go direct (Jingle, ICE, encrypted XML stream), and
     * accepts their sessions. Call before logging in, e.g. from {@link #connect}'s {@code beforeLogin}.
     */
    public void enableDirect(DirectConfig config) {
        conversations.enableDirect(config);
    }

    /** Tells when a conversation goes direct, falls back to the server, or fails to go direct. */
    public void onRouteChange(Consumer<RouteChange> listener) {
        conversations.onRouteChange(listener);
    }

    /** How messages to this contact travel now. */
    public Route route(EntityBareJid contact) {
        return conversations.route(contact);
    }

    /** The conversations: routes, and copies of messages dropped as duplicates. */
    public Conversations conversations() {
        return conversations;
    }

    /** File transfer with mutual contacts (XEP-0234): direct when possible, else through the server. */
    public TandemFileTransferManager files() {
        return TandemFileTransferManager.getInstanceFor(connection);
    }

    /** Called whenever a contact's presence changes, with the contact's new best presence. */
    public void onPresence(Consumer<Contact> listener) {
        presenceListeners.add(listener);
    }

    /**
     * Called when the server changes the roster after login (an entry added, renamed, its subscription changed, or
     * removed), from this device or another of the user's.
     */
    public void onRosterChange(Consumer<Contact> changed, Consumer<BareJid> removed) {
        entryListeners.add(changed);
        removalListeners.add(removed);
    }

    /**
     * Called with each chat message another of the user's devices sent or received (XEP-0280 message carbons,
     * switched on at login where the server offers them; Smack takes copies only from the user's own account).
     */
    public void onCarbon(Consumer<CarbonCopy> listener) {
        carbonListeners.add(listener);
    }

    /** Adding, removing and renaming contacts, and answering who asks to see the user's presence. */
    public ContactList contactList() {
        return contactList;
    }

    /**
     * Tells contacts how available the user is: {@code available}, {@code chat}, {@code away}, {@code xa} or
     * {@code dnd}, with an optional text.
     *
     * @param statusText shown with the presence; empty for none
     */
    public void setPresence(Presence.Mode mode, String statusText) throws InterruptedException,
            SmackException.NotConnectedException {
        PresenceBuilder presence = connection.getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).setMode(mode);
        if (!statusText.isEmpty()) {
            presence.setStatus(statusText);
        }
        connection.sendStanza(presence.build());
    }

    /** The roster as the server sent it at login, with each contact's current presence. */
    public List<Contact> contacts() throws InterruptedException, SmackException {
        if (!roster.isLoaded()) {
            roster.reloadAndWait();
        }
        return roster.getEntries().stream().map(this::contactOf).sorted(
                java.util.Comparator.comparing(contact -> contact.jid().toString())).toList();
    }

    public Contact contact(BareJid jid) {
        RosterEntry entry = roster.getEntry(jid);
        String name = entry != null && entry.getName() != null ? entry.getName() : localPart(jid);
        return contactOf(jid, name);
    }

    /**
     * Sends a chat message (RFC 6121 type chat) on the conversation's route: directly when a direct session is up,
     * otherwise to the contact's bare JID through the server. Never waits for a direct session.
     *
     * @return the route it took
     */
    public Route send(EntityBareJid to, String body) throws InterruptedException, SmackException.NotConnectedException {
        return conversations.send(to, body);
    }

    /**
     * Sends a chat message whose stanza id and origin-id is {@code id}, the id {@link #onReceipt} reports when the
     * contact has it.
     *
     * @return the route it took
     */
    public Route send(EntityBareJid to, String body, String id) throws InterruptedException,
            SmackException.NotConnectedException {
        return conversations.send(to, body, id);
    }

    /** Each receipt for a message the user sent, through the server (XEP-0184) or on the direct stream. */
    public void onReceipt(Consumer<Receipt> listener) {
        conversations.onReceipt(listener);
    }

    /**
     * Tells the contact that the user is typing, has stopped, and so on (XEP-0085), if the contact takes it; may
     * ask the contact's clients what they support.
     *
     * @return false when the contact does not take chat states, and nothing was sent
     */
    public boolean sendChatState(EntityBareJid to, ChatState state) {
        return conversations.sendChatState(to, state);
    }

    /** Each chat state notification a contact sends on its own. */
    public void onChatState(Consumer<ChatStateNotice> listener) {
        conversations.onChatState(listener);
    }

    /** Ends direct sessions (re-sending what they left unacknowledged through the server), then logs out. */
    @Override
    public void close() {
        conversations.close();
        connection.disconnect();
    }

    /** XEP-0280, where the server offers it: copies of what the user's other devices send and receive. */
    private void enableCarbons() throws InterruptedException, SmackException, XMPPException {
        CarbonManager carbons = CarbonManager.getInstanceFor(connection);
        if (!carbons.getCarbonsEnabled() && carbons.isSupportedByServer()) {
            carbons.enableCarbons();
        }
    }

    private void carbonCopied(CarbonExtension.Direction direction, Message copy) {
        Jid peer = direction == CarbonExtension.Direction.sent ? copy.getTo() : copy.getFrom();
        EntityBareJid contact = peer != null ? peer.asEntityBareJidIfPossible() : null;
        if (contact == null || copy.getBody() == null
                || copy.getType() != Message.Type.chat && copy.getType() != Message.Type.normal) {
            return;
        }
        CarbonCopy carbon = new CarbonCopy(direction == CarbonExtension.Direction.sent, contact, copy.getBody());
        carbonListeners.forEach(listener -> listener.accept(carbon));
    }

    private void listen() {
        CarbonManager.getInstanceFor(connection).addCarbonCopyReceivedListener(
                (direction, copy, wrapper) -> carbonCopied(direction, copy));
        roster.addRosterListener(new RosterListener() {
            @Override
            public void presenceChanged(Presence presence) {
                Contact contact = contact(presence.getFrom().asBareJid());
                presenceListeners.forEach(listener -> listener.accept(contact));
            }

            @Override
            public void entriesAdded(java.util.Collection<Jid> addresses) {
                entriesUpdated(addresses);
            }

            @Override
            public void entriesUpdated(java.util.Collection<Jid> addresses) {
                addresses.forEach(address -> {
                    Contact contact = contact(address.asBareJid());
                    entryListeners.forEach(listener -> listener.accept(contact));
                });
            }

            @Override
            public void entriesDeleted(java.util.Collection<Jid> addresses) {
                addresses.forEach(address -> removalListeners.forEach(listener -> listener.accept(address.asBareJid())));
            }
        });
    }

    private Contact contactOf(RosterEntry entry) {
        return contactOf(entry.getJid(), entry.getName() != null ? entry.getName() : localPart(entry.getJid()));
    }

    private Contact contactOf(BareJid jid, String name) {
        Presence presence = roster.getPresence(jid);
        boolean available = presence.isAvailable();
        String status = available ? presence.getMode().name() : "offline";
        String text = available && presence.getStatus() != null ? presence.getStatus() : "";
        RosterEntry entry = roster.getEntry(jid);
        String subscription = entry == null ? "none"
                : entry.getType().name() + (entry.isSubscriptionPending() ? "+asked" : "");
        List<String> groups = entry == null ? List.of()
                : entry.getGroups().stream().map(RosterGroup::getName).sorted().toList();
        return new Contact(jid, name, available, status, text, subscription, groups);
    }

    private static String localPart(BareJid jid) {
        return jid.getLocalpartOrNull() != null ? jid.getLocalpartOrNull().toString() : jid.toString();
    }
}
