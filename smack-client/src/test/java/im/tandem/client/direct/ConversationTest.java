package im.tandem.client.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.chat.Route;
import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.XmlStreamSessions;
import im.tandem.client.jingle.session.JingleSignalling;
import im.tandem.client.jingle.session.SessionState;
import im.tandem.client.time.ManualScheduler;
import im.tandem.ice.net.Scheduler;

/** The routing rules of one conversation, with a manual clock and fake links: no network, no threads. */
class ConversationTest {
    private static final FullJid ALICE = full("alice@example.org/tandem");
    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@example.org");
    private static final FullJid BOB_RESOURCE = full("bob@example.org/tandem");
    private static final DirectConfig CONFIG = DirectConfig.onInterfaces(List.of("eth0"));

    private final ManualScheduler clock = new ManualScheduler();
    /** The clock as the conversation sees it, counting the timers it sets. */
    private final CountingScheduler timers = new CountingScheduler(clock);
    private final List<Message> server = new ArrayList<>();
    private final List<IncomingMessage> shown = new ArrayList<>();
    private final List<RouteChange> routes = new ArrayList<>();
    private final FakeAttempts attempts = new FakeAttempts();
    private boolean bobSeesOurPresence = true;
    private Conversation conversation = conversation(ALICE);

    @Test
    void messagesGoThroughTheServerWithOriginIdAndReceiptRequestAndTheFirstStartsOneAttempt() throws Exception {
        assertThat(conversation.send("one")).isEqualTo(Route.SERVER);
        assertThat(conversation.send("two")).isEqualTo(Route.SERVER);

        assertThat(bodies(server)).containsExactly("one", "two");
        Message first = server.get(0);
        assertThat((Object) first.getTo()).isEqualTo(BOB);
        assertThat(first.getType()).isEqualTo(Message.Type.chat);
        assertThat(ChatMessages.originId(first)).contains(first.getStanzaId());
        assertThat(DeliveryReceiptRequest.from(first)).isNotNull();
        assertThat(attempts.started).hasSize(1);
        assertThat(routes).isEmpty();
    }

    @Test
    void withoutDirectSessionsEveryMessageGoesThroughTheServerAndNothingIsAttempted() throws Exception {
        conversation = new Conversation(BOB, context(ALICE, Optional.empty()));

        assertThat(conversation.send("plain")).isEqualTo(Route.SERVER);
        assertThat(bodies(server)).containsExactly("plain");
        assertThat(attempts.started).isEmpty();
    }

    @Test
    void anOpenLinkCarriesMessagesOnlyOnceTheServerHasDeliveredEarlierOnes() throws Exception {
        conversation.send("through the server");
        FakeLink link = new FakeLink(BOB_RESOURCE);
        conversation.attemptSucceeded(attempts.last(), link);

        assertThat(conversation.route()).as("a receipt is still outstanding").isEqualTo(Route.SERVER);
        assertThat(conversation.send("still the server")).isEqualTo(Route.SERVER);

        conversation.receivedThroughServer(receipt(server.get(0).getStanzaId()));
        assertThat(conversation.route()).as("one receipt still outstanding").isEqualTo(Route.SERVER);
        conversation.receivedThroughServer(receipt(server.get(1).getStanzaId()));

        assertThat(conversation.route()).isEqualTo(Route.DIRECT);
        assertThat(routes).singleElement().satisfies(change -> {
            assertThat(change.route()).isEqualTo(Route.DIRECT);
            assertThat(change.path()).contains(FakeLink.PATH);
        });
        assertThat(conversation.send("direct")).isEqualTo(Route.DIRECT);
        assertThat(link.bodies()).containsExactly("direct");
        assertThat(bodies(server)).containsExactly("through the server", "still the server");
    }

    @Test
    void aReceiptThatNeverComesHoldsTheSwitchForTheReceiptWaitOnly() throws Exception {
        conversation.send("receipt lost");
        conversation.attemptSucceeded(attempts.last(), new FakeLink(BOB_RESOURCE));

        clock.advance(CONFIG.receiptWait().minusMillis(1));
        assertThat(conversation.route()).isEqualTo(Route.SERVER);
        clock.advance(Duration.ofMillis(1));
        assertThat(conversation.route()).isEqualTo(Route.DIRECT);
    }

    @Test
    void whatADeadLinkLeftUnacknowledgedIsResentThroughTheServerInOrderWithTheSameIds() throws Exception {
        FakeLink link = goDirect();
        conversation.send("acked");
        conversation.send("lost 1");
        conversation.send("lost 2");
        conversation.received(link, receipt(link.sent.get(0).getStanzaId()));

        clock.advance(CONFIG.ackTimeout());

        assertThat(conversation.route()).isEqualTo(Route.SERVER);
        assertThat(link.closedBecause).contains("not acknowledged");
        assertThat(bodies(server)).containsExactly("lost 1", "lost 2");
        for (int i = 0; i < 2; i++) {
            Message resent = server.get(i);
            assertThat(resent.getStanzaId()).isEqualTo(link.sent.get(i + 1).getStanzaId());
            assertThat(ChatMessages.originId(resent)).contains(resent.getStanzaId());
            assertThat((Object) resent.getTo()).isEqualTo(BOB);
        }
        RouteChange fallback = routes.get(routes.size() - 1);
        assertThat(fallback.route()).isEqualTo(Route.SERVER);
        assertThat(fallback.reason()).contains("2 unacknowledged message(s) re-sent through the server");
        assertThat(conversation.send("after")).isEqualTo(Route.SERVER);
    }

    @Test
    void aLinkThatEndsResendsItsUnacknowledgedMessagesAndALateAcknowledgementChangesNothing() throws Exception {
        FakeLink link = goDirect();
        conversation.send("in flight");
        String id = link.sent.get(0).getStanzaId();

        conversation.ended(link, "the channel failed");
        conversation.received(link, receipt(id));

        assertThat(bodies(server)).containsExactly("in flight");
        assertThat(conversation.route()).isEqualTo(Route.SERVER);
        assertThat(link.closedBecause).isEqualTo("the channel failed");
    }

    @Test
    void aBusyDirectConversationSetsOneAcknowledgementTimerRatherThanOnePerMessage() throws Exception {
        FakeLink link = goDirect();
        int before = timers.scheduled;

        for (int i = 0; i < 100; i++) {
            conversation.send("message " + i);
            conversation.received(link, receipt(link.sent.get(i).getStanzaId()));
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(timers.scheduled - before).as("timers set for 100 messages acknowledged within 100 ms")
                .isEqualTo(1);
        assertThat(conversation.route()).isEqualTo(Route.DIRECT);
    }

    @Test
    void aMessageSentAfterAnAcknowledgedOneGetsItsFullAcknowledgementTime() throws Exception {
        FakeLink link = goDirect();
        conversation.send("first");
        clock.advance(CONFIG.ackTimeout().dividedBy(2));
        conversation.received(link, receipt(link.sent.get(0).getStanzaId()));
        conversation.send("second");

        clock.advance(CONFIG.ackTimeout().minusMillis(1));
        assertThat(conversation.route()).as("the second message's deadline not yet reached").isEqualTo(Route.DIRECT);
        clock.advance(Duration.ofMillis(1));

        assertThat(conversation.route()).isEqualTo(Route.SERVER);
        assertThat(bodies(server)).containsExactly("second");
    }

    @Test
    void acknowledgedDirectMessagesAreNotResent() throws Exception {
        FakeLink link = goDirect();
        conversation.send("fine");
        conversation.received(link, receipt(link.sent.get(0).getStanzaId()));

        clock.advance(CONFIG.ackTimeout().multipliedBy(2));

        assertThat(conversation.route()).isEqualTo(Route.DIRECT);
        assertThat(server).isEmpty();
        assertThat(link.closedBecause).isNull();
    }

    @Test
    void aMessageArrivingOnBothRoutesIsShownOnceAndAcknowledgedOnEach() {
        FakeLink link = goDirect();
        Message copy = chatFromBob("hello twice", "origin-1");

        conversation.received(link, copy);
        conversation.receivedThroughServer(copy);

        assertThat(shown).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("hello twice");
            assertThat(message.route()).isEqualTo(Route.DIRECT);
            assertThat((Object) message.from()).isEqualTo(BOB);
        });
        assertThat(conversation.duplicates()).isEqualTo(1);
        assertThat(ChatMessages.acknowledged(link.sent.get(0))).contains("origin-1");
        assertThat(ChatMessages.acknowledged(server.get(0))).contains("origin-1");
        assertThat((Object) server.get(0).getTo()).isEqualTo(BOB_RESOURCE);
    }

    @Test
    void messagesWithoutOriginIdAreShownEveryTime() {
        Message plain = StanzaBuilder.buildMessage("x").from(BOB_RESOURCE).to(ALICE).ofType(Message.Type.chat)
                .setBody("from a plain client").build();

        conversation.receivedThroughServer(plain);
        conversation.receivedThroughServer(plain);

        assertThat(shown).extracting(IncomingMessage::route).containsExactly(Route.SERVER, Route.SERVER);
        assertThat(server).as("no receipt was asked for").isEmpty();
    }

    @Test
    void receiptsThroughTheServerGoOnlyToWhoMaySeeOurPresence() {
        bobSeesOurPresence = false;

        conversation.receivedThroughServer(chatFromBob("from a stranger", "origin-2"));

        assertThat(shown).hasSize(1);
        assertThat(server).isEmpty();
    }

    @Test
    void aStanzaFromALinkThatWasGivenUpIsIgnored() {
        FakeLink old = goDirect();
        conversation.ended(old, "gone");

        conversation.received(old, chatFromBob("late", "origin-3"));

        assertThat(shown).isEmpty();
    }

    @Test
    void aFailedAttemptIsToldAndTheNextWaitsTheRetryDelayWhichDoubles() throws Exception {
        conversation.send("first");
        conversation.attemptFailed(attempts.last(), "no ICE path", true);
        assertThat(routes).singleElement().satisfies(change -> {
            assertThat(change.route()).isEqualTo(Route.SERVER);
            assertThat(change.reason()).isEqualTo("no direct session: no ICE path");
        });

        clock.advance(CONFIG.retryDelay().minusMillis(1));
        conversation.send("too soon");
        assertThat(attempts.started).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        conversation.send("again");
        assertThat(attempts.started).hasSize(2);

        conversation.attemptFailed(attempts.last(), "no ICE path", true);
        clock.advance(CONFIG.retryDelay());
        conversation.send("not yet: the delay doubled");
        assertThat(attempts.started).hasSize(2);
        clock.advance(CONFIG.retryDelay());
        conversation.send("now");
        assertThat(attempts.started).hasSize(3);
    }

    @Test
    void aPeerThatCannotGoDirectIsRetriedQuietly() throws Exception {
        conversation.send("to slixmpp");
        conversation.attemptFailed(attempts.last(), "not a Tandem client", false);

        assertThat(routes).isEmpty();
        conversation.send("again");
        assertThat(attempts.started).hasSize(1);
    }

    @Test
    void aReportFromAnAttemptThatWasReplacedIsIgnored() throws Exception {
        conversation = conversation(full("zoe@example.org/tandem"));
        conversation.send("start");
        FakeAttempts.FakeAttempt replaced = attempts.last();
        conversation.offered(sessionWith(BOB_RESOURCE), JingleSamples.transport());

        conversation.attemptFailed(replaced, "too late", true);
        FakeLink late = new FakeLink(BOB_RESOURCE);
        conversation.attemptSucceeded(replaced, late);

        assertThat(routes).isEmpty();
        assertThat(late.closedBecause).isEqualTo("superseded by another session");
        assertThat(conversation.route()).isEqualTo(Route.SERVER);
    }

    @Test
    void whenBothOfferAtOnceTheLowerJidKeepsItsOwnOffer() throws Exception {
        conversation.send("alice offers");
        JingleSession bobsOffer = sessionWith(BOB_RESOURCE);

        conversation.offered(bobsOffer, JingleSamples.transport());

        assertThat(bobsOffer.state()).isEqualTo(SessionState.TERMINATED);
        assertThat(attempts.started).hasSize(1);
        assertThat(attempts.last().cancelledBecause).isNull();
    }

    @Test
    void whenBothOfferAtOnceTheHigherJidTakesThePeersOffer() throws Exception {
        conversation = conversation(full("zoe@example.org/tandem"));
        conversation.send("zoe offers");
        FakeAttempts.FakeAttempt ours = attempts.last();
        JingleSession bobsOffer = sessionWith(BOB_RESOURCE);

        conversation.offered(bobsOffer, JingleSamples.transport());

        assertThat(ours.cancelledBecause).isNotNull();
        assertThat(attempts.started).hasSize(2);
        assertThat(attempts.last().outgoing()).isFalse();
        assertThat(attempts.last().session).isSameAs(bobsOffer);
    }

    @Test
    void aNewOfferWhileALinkIsOpenEndsTheOldLinkFirst() throws Exception {
        FakeLink old = goDirect();
        conversation.send("unacknowledged");

        conversation.offered(sessionWith(BOB_RESOURCE), JingleSamples.transport());

        assertThat(old.closedBecause).isEqualTo("the peer offered a new session");
        assertThat(bodies(server)).containsExactly("unacknowledged");
        assertThat(attempts.last().outgoing()).isFalse();
    }

    @Test
    void closingResendsWhatIsUnacknowledgedAndCancelsAnAttempt() throws Exception {
        FakeLink link = goDirect();
        conversation.send("last words");

        conversation.close();

        assertThat(bodies(server)).containsExactly("last words");
        assertThat(link.closedBecause).isEqualTo("logging out");
    }

    /** Opens a link with nothing outstanding on the server, so the conversation goes direct at once. */
    private FakeLink goDirect() {
        try {
            conversation.send("warm-up");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        conversation.receivedThroughServer(receipt(server.get(0).getStanzaId()));
        server.clear();
        FakeLink link = new FakeLink(BOB_RESOURCE);
        conversation.attemptSucceeded(attempts.last(), link);
        assertThat(conversation.route()).isEqualTo(Route.DIRECT);
        return link;
    }

    private Conversation conversation(FullJid local) {
        return new Conversation(BOB, context(local, Optional.of(new Conversation.Direct(CONFIG, attempts))));
    }

    private Conversation.Context context(FullJid local, Optional<Conversation.Direct> direct) {
        Consumer<IncomingMessage> delivery = shown::add;
        return new Conversation.Context(() -> local, server::add, direct, timers, delivery, routes::add,
                contact -> bobSeesOurPresence);
    }

    private static Message chatFromBob(String body, String originId) {
        return StanzaBuilder.buildMessage(originId).from(BOB_RESOURCE).to(ALICE).ofType(Message.Type.chat)
                .setBody(body).addExtension(new OriginIdElement(originId)).addExtension(new DeliveryReceiptRequest())
                .build();
    }

    private static Message receipt(String id) {
        Message receipt = ChatMessages.receipt(ALICE, id);
        return StanzaBuilder.buildMessageFrom(receipt, receipt.getStanzaId()).from(BOB_RESOURCE).build();
    }

    /** A live Jingle session with {@code peer}, for offers; its signalling goes nowhere. */
    private static JingleSession sessionWith(FullJid peer) throws DirectSessionRefusedException {
        JingleSignalling nowhere = new JingleSignalling() {
            @Override
            public FullJid localJid() {
                return ALICE;
            }

            @Override
            public void request(Jingle request, Consumer<Exception> onFailure) {
            }

            @Override
            public void respond(IQ response) {
            }
        };
        return new XmlStreamSessions(new JingleSessions(nowhere, contact -> true)).initiate(peer,
                JingleSamples.transport(), new JingleSessionListener() { });
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).filter(java.util.Objects::nonNull).toList();
    }

    private static FullJid full(String jid) {
        return JidCreate.fullFromOrThrowUnchecked(jid);
    }

    /** Passes everything to the manual clock and counts the timers set. */
    private static final class CountingScheduler implements Scheduler {
        private final Scheduler clock;
        int scheduled;

        CountingScheduler(Scheduler clock) {
            this.clock = clock;
        }

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            scheduled++;
            return clock.schedule(delay, task);
        }
    }
}
