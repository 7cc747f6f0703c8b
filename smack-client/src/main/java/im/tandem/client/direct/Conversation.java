package im.tandem.client.direct;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.delay.DelayInformationManager;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;

import im.tandem.client.chat.ChatStateNotice;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.chat.Receipt;
import im.tandem.client.chat.Route;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.ice.net.Scheduler;

/**
 * The messages exchanged with one contact and the route they take. All methods are thread-safe and never wait
 * on the network: sending only queues.
 *
 * <p>The rules that make the fallback lose nothing and duplicate nothing:
 * <ul>
 *   <li>Until a direct link is open, messages go through the server, and each such message starts an attempt at
 *       a direct session unless one is running or the last failure is too recent.</li>
 *   <li>A new link carries messages only once every message sent through the server has its receipt (or has
 *       waited {@link DirectConfig#receiptWait()}), so a direct message never overtakes one still on the server.</li>
 *   <li>Every direct message must be acknowledged within {@link DirectConfig#ackTimeout()}; otherwise, or when the
 *       link ends, every unacknowledged message is re-sent through the server, in order, and the link is closed.</li>
 *   <li>The receiver shows a message once per origin-id (XEP-0359), and acknowledges every copy on the route it came
 *       by, after showing it.</li>
 * </ul>
 */
final class Conversation implements DirectLink.Listener {
    private static final Logger LOG = Logger.getLogger(Conversation.class.getName());

    /**
     * What a conversation works with, shared by all conversations of an account.
     *
     * @param localJid  our own full JID, which breaks the tie when both sides offer a session at once
     * @param server    the ordinary route
     * @param direct    direct sessions, if enabled
     * @param scheduler the clock and the timers
     * @param delivery  where new incoming messages go, one at a time
     * @param routes    where route changes go
     * @param receiptsTo whom we acknowledge messages through the server: a receipt tells that we are online, so
     *                  only those who may see our presence (XEP-0184 §8); on a direct link, always
     * @param receipts  where the contact's receipts for our messages go, on either route (a message re-sent on the
     *                  other route may be acknowledged twice)
     * @param chatStates where the contact's chat state notifications go
     */
    record Context(Supplier<FullJid> localJid, ServerPath server, Optional<Direct> direct, Scheduler scheduler,
                   Consumer<IncomingMessage> delivery, Consumer<RouteChange> routes,
                   Predicate<EntityBareJid> receiptsTo, Consumer<Receipt> receipts,
                   Consumer<ChatStateNotice> chatStates) {
        /** A context whose receipts and chat states go nowhere: for what looks only at messages and routes. */
        Context(Supplier<FullJid> localJid, ServerPath server, Optional<Direct> direct, Scheduler scheduler,
                Consumer<IncomingMessage> delivery, Consumer<RouteChange> routes,
                Predicate<EntityBareJid> receiptsTo) {
            this(localJid, server, direct, scheduler, delivery, routes, receiptsTo, receipt -> { }, state -> { });
        }
    }

    /** Direct sessions: their settings and how to start one. */
    record Direct(DirectConfig config, Attempts attempts) {
    }

    /** A message sent on the current link and when, for its acknowledgement deadline. */
    private record SentDirect(Message message, long sentNanos) {
    }

    private final EntityBareJid peer;
    private final Context context;
    private final SeenIds seen = new SeenIds();
    /** Sent on the current link, not yet acknowledged, in sending order. */
    private final Map<String, SentDirect> unacknowledged = new LinkedHashMap<>();
    /** Sent through the server, receipt not yet back: id to sending time, oldest first. */
    private final Map<String, Long> throughServer = new LinkedHashMap<>();
    private Route route = Route.SERVER;
    private DirectLink link;
    private Attempt attempt;
    private int failures;
    private long nextAttemptNanos;
    private boolean gateCheckScheduled;
    /**
     * Whether a check of the oldest unacknowledged message's deadline is scheduled: one at a time, whatever the
     * number of messages in flight, rather than a timer per message, whose firing every few milliseconds in a
     * busy conversation would wake a thread and take this conversation's lock each time.
     */
    private boolean ackCheckScheduled;
    private long duplicates;
    /**
     * Whether the contact's client takes chat state notifications, as its last message showed (XEP-0085 5.1: a
     * message without one means no more are sent); empty until the contact has sent anything.
     */
    private Optional<Boolean> peerUsesChatStates = Optional.empty();

    Conversation(EntityBareJid peer, Context context) {
        this.peer = peer;
        this.context = context;
        this.nextAttemptNanos = context.scheduler().nanoTime();
    }

    EntityBareJid peer() {
        return peer;
    }

    synchronized Route route() {
        return route;
    }

    /** Copies of messages that arrived again on another route and were not shown again. */
    synchronized long duplicates() {
        return duplicates;
    }

    /**
     * Sends a chat message on the current route.
     *
     * @return the route it took
     * @throws SmackException.NotConnectedException if it had to go through the server and the connection is gone
     */
    synchronized Route send(String body) throws SmackException.NotConnectedException, InterruptedException {
        return send(body, UUID.randomUUID().toString());
    }

    /**
     * Sends a chat message with {@code id} as its stanza id and origin-id, which its receipt will name.
     *
     * @return the route it took
     * @throws SmackException.NotConnectedException if it had to go through the server and the connection is gone
     */
    synchronized Route send(String body, String id) throws SmackException.NotConnectedException,
            InterruptedException {
        if (route == Route.DIRECT) {
            Message message = ChatMessages.chat(link.peer(), body, id);
            sendDirect(message);
            return Route.DIRECT;
        }
        sendThroughServer(ChatMessages.chat(peer, body, id));
        startAttemptIfDue();
        return Route.SERVER;
    }

    /**
     * Sends a chat state notification on the current route. On a direct link it is sent without waiting for an
     * acknowledgement (the receiver acknowledges messages only): a lost notification is not worth ending the link
     * for, and nothing is re-sent for it. Through the server, a failure is only logged.
     */
    synchronized void sendChatState(ChatState state) {
        if (route == Route.DIRECT) {
            link.send(ChatMessages.chatState(link.peer(), state));
        } else {
            sendQuietly(ChatMessages.chatState(peer, state));
        }
    }

    /** Whether the contact's last message said its client takes chat states; empty before it sent any. */
    synchronized Optional<Boolean> peerUsesChatStates() {
        return peerUsesChatStates;
    }

    /** A message from the contact through the server: a chat message or a receipt. */
    void receivedThroughServer(Message message) {
        arrived(message, Route.SERVER, null);
    }

    @Override
    public void received(DirectLink on, Message message) {
        arrived(message, Route.DIRECT, on);
    }

    @Override
    public void ended(DirectLink link, String reason) {
        linkEnded(link, reason);
    }

    private synchronized void arrived(Message message, Route via, DirectLink on) {
        if (via == Route.DIRECT && on != link) {
            return; // a late stanza of a link already given up; its sender re-sends through the server
        }
        Optional<String> acknowledged = ChatMessages.acknowledged(message);
        Optional<ChatState> state = ChatMessages.chatState(message);
        if (acknowledged.isPresent()) {
            acknowledged(acknowledged.get());
        } else if (message.getBody() != null) {
            peerUsesChatStates = Optional.of(state.isPresent());
            receivedChat(message, via, on);
        } else if (state.isPresent()) {
            peerUsesChatStates = Optional.of(true);
            context.chatStates().accept(new ChatStateNotice(peer, state.get()));
        }
    }

    private void receivedChat(Message message, Route via, DirectLink on) {
        Optional<String> origin = ChatMessages.originId(message);
        if (origin.isEmpty() || seen.add(origin.get())) {
            Optional<Instant> delayed = Optional.ofNullable(DelayInformationManager.getDelayTimestamp(message))
                    .map(Date::toInstant);
            context.delivery().accept(new IncomingMessage(peer, message.getBody(), delayed, via));
        } else {
            duplicates++;
        }
        if (ChatMessages.wantsReceipt(message) && (via == Route.DIRECT || context.receiptsTo().test(peer))) {
            Message receipt = ChatMessages.receipt(via == Route.DIRECT ? on.peer() : message.getFrom(),
                    message.getStanzaId());
            if (via == Route.DIRECT) {
                on.send(receipt);
            } else {
                sendQuietly(receipt);
            }
        }
    }

    /** The contact acknowledged message {@code id} (XEP-0184), on either route. */
    private void acknowledged(String id) {
        unacknowledged.remove(id);
        if (throughServer.remove(id) != null) {
            openGateIfClear();
        }
        context.receipts().accept(new Receipt(peer, id));
    }

    /** The contact offered a direct session. */
    synchronized void offered(JingleSession session, IceUdpTransport offer) {
        if (context.direct().isEmpty()) {
            session.terminate(JingleReason.Reason.decline, "direct sessions are off");
            return;
        }
        if (attempt != null) {
            if (attempt.outgoing() && localWinsTieAgainst(session.peer())) {
                session.terminate(JingleReason.Reason.cancel, "both sides offered at once; "
                        + "the offer of the lower JID stays");
                return;
            }
            attempt.cancel("the peer's own offer replaces it");
            attempt = null;
        }
        if (link != null) {
            linkEnded(link, "the peer offered a new session");
        }
        attempt = context.direct().get().attempts().respond(this, session, offer);
    }

    /** An attempt produced a link. */
    synchronized void attemptSucceeded(Attempt finished, DirectLink opened) {
        if (finished != attempt) {
            opened.close("superseded by another session");
            return;
        }
        attempt = null;
        failures = 0;
        if (link != null) {
            linkEnded(link, "replaced by a new session");
        }
        link = opened;
        openGateIfClear();
    }

    /**
     * An attempt failed. {@code worthTelling} is false when the contact simply cannot have a direct session (it is
     * offline, not a Tandem client, not a mutual contact): then the user is not told, and the next try waits the
     * plain retry delay; otherwise the delay doubles with each failure.
     */
    synchronized void attemptFailed(Attempt failed, String reason, boolean worthTelling) {
        if (failed != attempt) {
            return;
        }
        attempt = null;
        DirectConfig config = context.direct().orElseThrow().config();
        if (worthTelling) {
            failures++;
            nextAttemptNanos = context.scheduler().nanoTime() + config.retryDelayAfter(failures).toNanos();
            announce(Route.SERVER, Optional.empty(), "no direct session: " + reason);
        } else {
            nextAttemptNanos = context.scheduler().nanoTime() + config.retryDelay().toNanos();
        }
    }

    /**
     * The link ended: everything it left unacknowledged goes through the server, in order, and the conversation
     * stays there until another session is up.
     */
    private synchronized void linkEnded(DirectLink ended, String reason) {
        if (ended != link) {
            return;
        }
        link = null;
        boolean wasDirect = route == Route.DIRECT;
        route = Route.SERVER;
        List<Message> resend = unacknowledged.values().stream().map(SentDirect::message).toList();
        unacknowledged.clear();
        for (Message message : resend) {
            trySendThroughServer(ChatMessages.chat(peer, message.getBody(), message.getStanzaId()));
        }
        nextAttemptNanos = context.scheduler().nanoTime() + context.direct().orElseThrow().config().retryDelay()
                .toNanos();
        ended.close(reason);
        String what = wasDirect ? "the direct path is gone: " : "the direct session ended: ";
        announce(Route.SERVER, Optional.empty(), what + reason + (resend.isEmpty() ? ""
                : "; " + resend.size() + " unacknowledged message(s) re-sent through the server"));
    }

    /** Logging out: unacknowledged messages go through the server while it is still there, then the link closes. */
    synchronized void close() {
        if (attempt != null) {
            attempt.cancel("logging out");
            attempt = null;
        }
        if (link != null) {
            linkEnded(link, "logging out");
        }
    }

    private void sendDirect(Message message) {
        unacknowledged.put(message.getStanzaId(), new SentDirect(message, context.scheduler().nanoTime()));
        link.send(message);
        scheduleAckCheck();
    }

    /**
     * Schedules the check of the oldest unacknowledged message's deadline, unless one is scheduled: that one is
     * due no later, since every message sent since is younger, and it schedules the next check itself.
     */
    private void scheduleAckCheck() {
        if (ackCheckScheduled || unacknowledged.isEmpty()) {
            return;
        }
        ackCheckScheduled = true;
        long oldest = unacknowledged.values().iterator().next().sentNanos();
        long wait = oldest + ackTimeout().toNanos() - context.scheduler().nanoTime();
        context.scheduler().schedule(Duration.ofNanos(Math.max(0, wait)), this::ackCheckDue);
    }

    /**
     * Ends the link if its oldest unacknowledged message is past its deadline, else waits for the next deadline.
     * What is unacknowledged always belongs to the current link: a link's end re-sends and forgets its messages.
     */
    private synchronized void ackCheckDue() {
        ackCheckScheduled = false;
        if (link == null || unacknowledged.isEmpty()) {
            return;
        }
        long oldest = unacknowledged.values().iterator().next().sentNanos();
        if (context.scheduler().nanoTime() - oldest >= ackTimeout().toNanos()) {
            linkEnded(link, "a message was not acknowledged within " + ackTimeout().toMillis() + " ms");
        } else {
            scheduleAckCheck();
        }
    }

    private Duration ackTimeout() {
        return context.direct().orElseThrow().config().ackTimeout();
    }

    private void sendThroughServer(Message message) throws SmackException.NotConnectedException, InterruptedException {
        if (context.direct().isPresent()) {
            forgetOldReceipts();
            throughServer.put(message.getStanzaId(), context.scheduler().nanoTime());
        }
        context.server().send(message);
    }

    /** For what the user did not send just now (re-sends, receipts): a failure is logged, nobody to tell. */
    private void trySendThroughServer(Message message) {
        try {
            sendThroughServer(message);
        } catch (SmackException.NotConnectedException e) {
            LOG.log(Level.WARNING, "cannot re-send a message to " + peer + ": the server connection is gone", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendQuietly(Message message) {
        try {
            context.server().send(message);
        } catch (SmackException.NotConnectedException e) {
            LOG.log(Level.FINE, "cannot send a receipt to " + peer + ": not connected", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startAttemptIfDue() {
        if (context.direct().isEmpty() || link != null || attempt != null
                || context.scheduler().nanoTime() - nextAttemptNanos < 0) {
            return;
        }
        attempt = context.direct().get().attempts().initiate(this);
    }

    /** Goes direct if a link is open and nothing sent through the server can still be overtaken. */
    private void openGateIfClear() {
        if (link == null || route == Route.DIRECT) {
            return;
        }
        forgetOldReceipts();
        if (throughServer.isEmpty()) {
            route = Route.DIRECT;
            RouteChange.DirectPath path = link.path();
            announce(Route.DIRECT, Optional.of(path), "direct over a " + path.type().name().toLowerCase(Locale.ROOT)
                    + " path, set up in " + path.setup().toMillis() + " ms");
        } else if (!gateCheckScheduled) {
            gateCheckScheduled = true;
            long oldest = throughServer.values().iterator().next();
            long wait = oldest + receiptWaitNanos() - context.scheduler().nanoTime();
            context.scheduler().schedule(Duration.ofNanos(Math.max(0, wait)), this::gateCheckDue);
        }
    }

    private synchronized void gateCheckDue() {
        gateCheckScheduled = false;
        openGateIfClear();
    }

    /** Receipts older than the receipt wait are not waited for any more: lost, or the peer does not send them. */
    private void forgetOldReceipts() {
        long now = context.scheduler().nanoTime();
        Iterator<Long> sent = throughServer.values().iterator();
        while (sent.hasNext() && now - sent.next() >= receiptWaitNanos()) {
            sent.remove();
        }
    }

    private long receiptWaitNanos() {
        return context.direct().orElseThrow().config().receiptWait().toNanos();
    }

    /** Both sides compare the two full JIDs the same way, so exactly one offer survives. */
    private boolean localWinsTieAgainst(FullJid other) {
        return context.localJid().get().toString().compareTo(other.toString()) < 0;
    }

    private void announce(Route newRoute, Optional<RouteChange.DirectPath> path, String reason) {
        context.routes().accept(new RouteChange(peer, newRoute, path, reason));
    }
}
