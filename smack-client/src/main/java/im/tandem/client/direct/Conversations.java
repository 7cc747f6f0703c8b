package im.tandem.client.direct;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromTypeFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.OrFilter;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.ChatStateManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.EntityBareJid;

import im.tandem.client.chat.ChatStateNotice;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.chat.Receipt;
import im.tandem.client.chat.Route;
import im.tandem.client.ice.IceServers;
import im.tandem.client.jingle.TandemJingleManager;
import im.tandem.ice.concurrent.DaemonThreads;
import im.tandem.ice.net.ExecutorScheduler;
import im.tandem.ice.net.Scheduler;

/**
 * All conversations of one account: sends each chat message on its conversation's route, receives from the server
 * and from direct links, shows each message once, and reports route changes. Direct sessions are made only once
 * {@link #enableDirect} was called; until then (and with peers that cannot) every message goes through the server,
 * still with origin-ids and receipts. Conversations are kept only with contacts and with whom the user wrote to
 * ({@link KeptConversations}), so that strangers cannot make the client hold one each.
 */
public final class Conversations implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Conversations.class.getName());
    /** Chat and normal messages from users: the ones that carry chat text or receipts. */
    private static final StanzaFilter FROM_USERS = new AndFilter(MessageTypeFilter.NORMAL_OR_CHAT,
            new OrFilter(FromTypeFilter.ENTITY_FULL_JID, FromTypeFilter.ENTITY_BARE_JID));
    /** Logging out waits this long for open sessions to say goodbye, so the peers need not time out. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final XMPPConnection connection;
    private final Roster roster;
    private final KeptConversations conversations;
    private final List<Consumer<IncomingMessage>> messageListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RouteChange>> routeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Receipt>> receiptListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ChatStateNotice>> chatStateListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool(DaemonThreads.numbered("direct"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.numbered("direct-timer"));
    private final Scheduler scheduler = new ExecutorScheduler(timer);
    private volatile Optional<Conversation.Direct> direct = Optional.empty();

    /** Takes over the connection's chat messages; create it before logging in, so that none is missed. */
    public Conversations(XMPPConnection connection) {
        this.connection = connection;
        this.roster = Roster.getInstanceFor(connection);
        this.conversations = new KeptConversations(roster::contains, this::newConversation);
        // Our own receipts go out after the message was shown, which keeps the order rules of Conversation.
        DeliveryReceiptManager.getInstanceFor(connection).setAutoReceiptMode(
                DeliveryReceiptManager.AutoReceiptMode.disabled);
        ServiceDiscoveryManager.getInstanceFor(connection).addFeature(OriginIdElement.NAMESPACE);
        // Contacts' clients learn from our capabilities that we take chat state notifications (XEP-0085 5.1).
        ServiceDiscoveryManager.getInstanceFor(connection).addFeature(ChatStateManager.NAMESPACE);
        connection.addSyncStanzaListener(stanza -> {
            Message message = (Message) stanza;
            EntityBareJid from = message.getFrom().asEntityBareJidIfPossible();
            if (from != null) {
                conversations.forPeer(from).receivedThroughServer(message);
            }
        }, FROM_USERS);
    }

    /**
     * Makes direct sessions with contacts that support them, and accepts theirs. Call before logging in, so that
     * no offer arrives while they are still off.
     *
     * @throws IllegalStateException if the account is already logged in
     */
    public void enableDirect(DirectConfig config) {
        if (connection.isAuthenticated()) {
            throw new IllegalStateException("enable direct sessions before logging in");
        }
        TandemJingleManager jingle = TandemJingleManager.getInstanceFor(connection);
        direct = Optional.of(new Conversation.Direct(config, new IceAttempts(jingle, roster,
                new IceServers(connection), config, background, scheduler)));
        jingle.setIncomingSessionHandler((session, offer) -> {
            EntityBareJid peer = session.peer().asEntityBareJidIfPossible();
            if (peer == null) {
                session.terminate(JingleReason.Reason.decline, "direct sessions are made with users only");
            } else {
                conversations.forPeer(peer).offered(session, offer);
            }
        });
    }

    /**
     * Sends a chat message on the conversation's route; never waits for a direct session.
     *
     * @return the route the message took
     */
    public Route send(EntityBareJid to, String body) throws SmackException.NotConnectedException,
            InterruptedException {
        return conversations.forUser(to).send(body);
    }

    /**
     * Sends a chat message with {@code id} as its stanza id and origin-id, the id its {@link #onReceipt receipt}
     * names; never waits for a direct session.
     *
     * @return the route the message took
     */
    public Route send(EntityBareJid to, String body, String id) throws SmackException.NotConnectedException,
            InterruptedException {
        return conversations.forUser(to).send(body, id);
    }

    /**
     * Sends a chat state notification (XEP-0085) on the conversation's route, if the contact takes them: its last
     * message carried a chat state, or, before it sent any, one of its available clients advertises the feature.
     * May ask the contact's clients what they support (service discovery), so call it off the user's input thread.
     *
     * @return false when the contact does not take chat states, and nothing was sent
     */
    public boolean sendChatState(EntityBareJid to, ChatState state) {
        Conversation conversation = conversations.forUser(to);
        if (!conversation.peerUsesChatStates().orElseGet(() -> advertisesChatStates(to))) {
            return false;
        }
        conversation.sendChatState(state);
        return true;
    }

    /** How messages to this contact travel now. */
    public Route route(EntityBareJid peer) {
        return conversations.find(peer).map(Conversation::route).orElse(Route.SERVER);
    }

    /** Messages the contact sent that arrived again on the other route and were not shown again. */
    public long duplicatesDropped(EntityBareJid peer) {
        return conversations.find(peer).map(Conversation::duplicates).orElse(0L);
    }

    /** Each incoming chat message, once, in the order the conversation received it. */
    public void onMessage(Consumer<IncomingMessage> listener) {
        messageListeners.add(listener);
    }

    /** Each route change: a conversation went direct, fell back, or failed to go direct. */
    public void onRouteChange(Consumer<RouteChange> listener) {
        routeListeners.add(listener);
    }

    /** Each receipt for a message the user sent: the contact has it (a re-sent message may be acknowledged twice). */
    public void onReceipt(Consumer<Receipt> listener) {
        receiptListeners.add(listener);
    }

    /** Each chat state notification a contact sends on its own (typing, paused, ...). */
    public void onChatState(Consumer<ChatStateNotice> listener) {
        chatStateListeners.add(listener);
    }

    /** Re-sends what direct links left unacknowledged through the server, then ends every direct session. */
    @Override
    public void close() {
        conversations.all().forEach(Conversation::close);
        background.shutdown();
        try {
            background.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
    }

    private Conversation newConversation(EntityBareJid peer) {
        return new Conversation(peer, new Conversation.Context(connection::getUser, connection::sendStanza, direct,
                scheduler, this::deliver, this::announce, contact -> roster.isSubscribedToMyPresence(contact),
                receipt -> notify(receiptListeners, receipt), state -> notify(chatStateListeners, state)));
    }

    /** Whether one of the contact's available clients advertises chat states; those we cannot ask do not count. */
    private boolean advertisesChatStates(EntityBareJid contact) {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (Presence presence : roster.getAvailablePresences(contact)) {
            try {
                if (disco.supportsFeature(presence.getFrom(), ChatStateManager.NAMESPACE)) {
                    return true;
                }
            } catch (SmackException | org.jivesoftware.smack.XMPPException e) {
                LOG.log(Level.FINE, "cannot ask " + presence.getFrom() + " whether it takes chat states", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static <T> void notify(List<Consumer<T>> listeners, T news) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(news);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener failed on " + news, e);
            }
        }
    }

    private void deliver(IncomingMessage message) {
        for (Consumer<IncomingMessage> listener : messageListeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a message listener failed on a message from " + message.from(), e);
            }
        }
    }

    private void announce(RouteChange change) {
        for (Consumer<RouteChange> listener : routeListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a route listener failed on " + change, e);
            }
        }
    }
}
