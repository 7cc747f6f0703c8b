package im.tandem.client.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.hints.element.NoStoreHint;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.JingleSignalling;
import im.tandem.client.jingle.session.SessionEnd;
import im.tandem.client.jingle.session.XmlStreamSessions;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.channel.ChannelHandshakeException;
import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.channel.arq.ArqConfig;
import im.tandem.ice.session.PathType;

/**
 * The XML stream link over the real encrypted channel, on an in-memory datagram path instead of ICE: what each side
 * sends arrives at the other as Smack stanzas, and however the link ends, the right side hears of it once.
 */
class XmlStreamLinkTest {
    private static final FullJid ALICE = JidCreate.fullFromOrThrowUnchecked("alice@example.org/tandem");
    private static final FullJid BOB = JidCreate.fullFromOrThrowUnchecked("bob@example.org/tandem");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Well above the parser's read-ahead, so that what it measures is the stanza. */
    private static final int MAX_STANZA_BYTES = 64 * 1024;
    /** Time for a thread to reach the lock it will wait for, on a loaded machine. */
    private static final Duration SETTLE = Duration.ofMillis(300);
    /** Datagrams larger than this carry data: the smallest stanza in a TLS record is larger. */
    private static final int DATA_DATAGRAM_BYTES = 100;
    /** A dead path is noticed within a second, and closing on it does not hold a test up. */
    private static final ChannelConfig QUICK = ChannelConfig.defaults().withCloseTimeout(Duration.ofMillis(200))
            .withStream(ArqConfig.defaults().withKeepAliveInterval(Duration.ofMillis(100))
                    .withPeerTimeout(Duration.ofMillis(600)));

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final MemoryDatagrams datagrams = new MemoryDatagrams();
    private final Side alice = new Side(ALICE, BOB, datagrams.alice, Channel.Role.CLIENT);
    private final Side bob = new Side(BOB, ALICE, datagrams.bob, Channel.Role.SERVER);

    /**
     * Smack finds its XML parser through a ServiceLoader that it shares between threads without locking; two
     * readers starting at once in a fresh JVM can miss it. In the client the server connection has long found it.
     */
    @BeforeAll
    static void findTheXmlParser() throws Exception {
        PacketParserUtils.getParserFor("<warm-up/>");
    }

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }


    @Test
    void messagesBothWaysArriveInOrderAsMessageStanzas() throws Exception {
        XmlStreamLink toBob = openBoth();

        List<Message> fromAlice = List.of(ChatMessages.chat(BOB, "one"), ChatMessages.chat(BOB, "two <&> three"),
                ChatMessages.chat(BOB, "ünïcödé"));
        fromAlice.forEach(toBob::send);
        bob.link.send(ChatMessages.chat(ALICE, "hello"));
        bob.link.send(ChatMessages.chat(ALICE, "again"));

        List<Message> atBob = bob.listener.take(3);
        assertThat(atBob).extracting(Message::getBody).containsExactly("one", "two <&> three", "ünïcödé");
        assertThat(atBob).extracting(Message::getStanzaId)
                .containsExactlyElementsOf(fromAlice.stream().map(Message::getStanzaId).toList());
        assertThat(atBob).allSatisfy(message -> {
            assertThat(message.getType()).isEqualTo(Message.Type.chat);
            assertThat(ChatMessages.originId(message)).contains(message.getStanzaId());
        });
        assertThat(alice.listener.take(2)).extracting(Message::getBody).containsExactly("hello", "again");
        assertThat((Object) toBob.peer()).isEqualTo(BOB);
        assertThat(toBob.path().type()).isEqualTo(PathType.HOST);
    }

    @Test
    void aBurstOfMessagesKeepsItsOrder() throws Exception {
        XmlStreamLink toBob = openBoth();
        List<String> sent = IntStream.range(0, 200).mapToObj(i -> "message " + i).toList();

        sent.forEach(body -> toBob.send(ChatMessages.chat(BOB, body)));

        assertThat(bob.listener.take(sent.size())).extracting(Message::getBody).containsExactlyElementsOf(sent);
    }

    @Test
    void aStanzaSentWhileNothingIsQueuedIsWrittenOnTheSendersThread() throws Exception {
        XmlStreamLink toBob = openBothQuiet();
        datagrams.alice.senders.clear();

        toBob.send(ChatMessages.chat(BOB, "no hand-off"));

        assertThat(bob.listener.take(1)).extracting(Message::getBody).containsExactly("no hand-off");
        assertThat(datagrams.alice.senders).as("the threads that sent datagrams")
                .contains(Thread.currentThread().getName())
                .noneMatch(name -> name.startsWith("direct-writer-"));
    }

    @Test
    void aReplyAndAReceiptSentWhileHandlingAStanzaLeaveTogetherInOneDatagram() throws Exception {
        XmlStreamLink toBob = openBothQuiet();
        bob.listener.answer = (link, message) -> {
            link.send(ChatMessages.chat(ALICE, "reply"));
            link.send(ChatMessages.receipt(ALICE, message.getStanzaId()));
        };
        datagrams.bob.sizes.clear();

        toBob.send(ChatMessages.chat(BOB, "answer me"));

        List<Message> atAlice = alice.listener.take(2);
        assertThat(atAlice.get(0).getBody()).isEqualTo("reply");
        assertThat(ChatMessages.acknowledged(atAlice.get(1))).isPresent();
        assertThat(datagrams.bob.sizes).as("Bob's datagrams carrying data (any TLS record of a stanza is over "
                + DATA_DATAGRAM_BYTES + " bytes; a bare acknowledgement is far less)")
                .filteredOn(size -> size > DATA_DATAGRAM_BYTES).hasSize(1);
    }

    @Test
    void whatAListenerSendsWhileHandlingAStanzaStaysBehindNothingAndBeforeWhatFollows() throws Exception {
        XmlStreamLink toBob = openBothQuiet();
        bob.listener.answer = (link, message) -> IntStream.range(0, 100)
                .forEach(i -> link.send(ChatMessages.chat(ALICE, message.getBody() + " answer " + i + " "
                        + "x".repeat(500))));

        toBob.send(ChatMessages.chat(BOB, "first"));
        bob.listener.take(1);
        bob.link.send(ChatMessages.chat(ALICE, "after the answers"));

        List<String> expected = new ArrayList<>(IntStream.range(0, 100)
                .mapToObj(i -> "first answer " + i + " " + "x".repeat(500)).toList());
        expected.add("after the answers");
        assertThat(alice.listener.take(expected.size())).extracting(Message::getBody)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void stanzasBeyondWhatTheSendBufferTakesAtOnceQueueInOrderWithoutBlockingTheSender() throws Exception {
        ChannelConfig tinyBuffer = QUICK.withStream(QUICK.stream().withSendBufferBytes(4 * 1024));
        alice.path.config = tinyBuffer;
        bob.path.config = tinyBuffer;
        XmlStreamLink toBob = openBothQuiet();
        List<String> sent = IntStream.range(0, 300).mapToObj(i -> "message " + i + " " + "x".repeat(i % 700))
                .toList();

        sent.forEach(body -> toBob.send(ChatMessages.chat(BOB, body)));

        assertThat(bob.listener.take(sent.size())).extracting(Message::getBody).containsExactlyElementsOf(sent);
        assertThat(datagrams.alice.senders).as("some writes were handed to the link's thread")
                .anyMatch(name -> name.startsWith("direct-writer-"));
    }

    @Test
    void aStanzaWhoseWriteThePathHeldUpIsNotWrittenAfterTheEndOfOurStream() throws Exception {
        Channel peer = openAgainstRawPeer();
        datagrams.alice.holdSends();
        assertThat(datagrams.alice.awaitHeldSend(WAIT)).as("the stream's timer held up in a send, holding the stream")
                .isTrue();
        Thread sender = new Thread(() -> alice.link.send(ChatMessages.chat(BOB, "late")), "test-sender");
        sender.start();
        awaitWaiting(sender); // past the link's checks, waiting for the stream
        Thread closer = new Thread(() -> alice.link.close("bye"), "test-closer");
        closer.start();
        Thread.sleep(SETTLE.toMillis()); // the end of our stream, if queued now, is first in line for the stream

        datagrams.alice.releaseSends();

        String rest = new String(peer.input().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).as("what Bob read after Alice's header").endsWith(StanzaStream.END)
                .containsOnlyOnce(StanzaStream.END);
        sender.join(WAIT.toMillis());
        closer.join(WAIT.toMillis());
    }

    @Test
    void aReceiptSentBackNamesTheMessageItAcknowledges() throws Exception {
        XmlStreamLink toBob = openBoth();
        Message chat = ChatMessages.chat(BOB, "did you get this?");

        toBob.send(chat);
        Message atBob = bob.listener.take(1).get(0);
        assertThat(ChatMessages.wantsReceipt(atBob)).isTrue();
        bob.link.send(ChatMessages.receipt(ALICE, atBob.getStanzaId()));

        Message receipt = alice.listener.take(1).get(0);
        assertThat(ChatMessages.acknowledged(receipt)).contains(chat.getStanzaId());
        assertThat(NoStoreHint.from(receipt)).as("the no-store hint survives the stream").isNotNull();
    }

    @Test
    void closingEndsBothSidesAndOnlyThePeerIsTold() throws Exception {
        XmlStreamLink toBob = openBothQuiet();

        toBob.close("bye");

        assertThat(bob.listener.ending()).isEqualTo("the peer closed its stream");
        alice.awaitReleased();
        bob.awaitReleased();
        assertThat(alice.session.end()).get().extracting(SessionEnd::reason, SessionEnd::text)
                .containsExactly(JingleReason.Reason.success, "bye");
        assertThat(alice.listener.endings).as("the side that closed is not told").isEmpty();
        assertThat(bob.listener.endings).as("told once").isEmpty();
    }

    @Test
    void thePeerClosingEndsOurSideToo() throws Exception {
        openBothQuiet();

        bob.link.close("bye");

        assertThat(alice.listener.ending()).isEqualTo("the peer closed its stream");
        alice.awaitReleased();
        bob.awaitReleased();
        assertThat(alice.session.end()).get().extracting(SessionEnd::reason).isEqualTo(JingleReason.Reason.success);
        assertThat(bob.listener.endings).isEmpty();
        assertThat(alice.listener.endings).isEmpty();
    }

    @Test
    void theJingleSessionEndingEndsTheLinkOnBothSides() throws Exception {
        openBothQuiet();

        alice.session.receivedTerminate(JingleReason.Gone);

        assertThat(alice.listener.ending()).isEqualTo("the Jingle session ended (gone)");
        assertThat(bob.listener.ending()).isEqualTo("the peer closed its stream");
        alice.awaitReleased();
        assertThat(alice.listener.endings).isEmpty();
    }

    @Test
    void aMalformedStanzaEndsTheLinkOnceWithAClearReason() throws Exception {
        Channel peer = openAgainstRawPeer();

        write(peer, StanzaStream.header(BOB, ALICE) + StanzaStream.toXml(ChatMessages.chat(ALICE, "fine"))
                + "<message><body>never closed</message>");

        assertThat(alice.listener.take(1)).extracting(Message::getBody).containsExactly("fine");
        assertThat(alice.listener.ending()).startsWith("the peer's stream broke: malformed XML");
        alice.awaitReleased();
        assertThat(alice.session.end()).get().extracting(SessionEnd::reason)
                .isEqualTo(JingleReason.Reason.connectivity_error);
        alice.link.send(ChatMessages.chat(BOB, "after the end"));
        assertThat(alice.listener.endings).isEmpty();
    }

    @Test
    void aStanzaOverTheCapEndsTheStreamWithAPolicyViolationStreamError() throws Exception {
        Channel peer = openAgainstRawPeer();

        // On another thread: Alice ends the stream part way through, and the rest of the write fails.
        background.execute(() -> {
            try {
                write(peer, StanzaStream.header(BOB, ALICE) + StanzaStream.toXml(ChatMessages.chat(ALICE, "fine"))
                        + StanzaStream.toXml(ChatMessages.chat(ALICE, "z".repeat(4 * MAX_STANZA_BYTES))));
            } catch (IOException expected) {
                // the channel closed under the oversized stanza
            }
        });

        assertThat(alice.listener.take(1)).extracting(Message::getBody).containsExactly("fine");
        assertThat(alice.listener.ending()).isEqualTo("the peer sent a stanza of more than " + MAX_STANZA_BYTES
                + " bytes (maxStanzaBytes)");
        String endOfAlicesStream = new String(peer.input().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(endOfAlicesStream).isEqualTo("<stream:error><policy-violation"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'"
                + " xml:lang='en'>a stanza of more than " + MAX_STANZA_BYTES + " bytes</text></stream:error>"
                + "</stream:stream>");
        alice.awaitReleased();
        assertThat(alice.session.end()).get().extracting(SessionEnd::reason)
                .isEqualTo(JingleReason.Reason.failed_application);
    }

    @Test
    void aStanzaOverTheCapEndsTheLinkOnBothSidesUndelivered() throws Exception {
        XmlStreamLink toBob = openBothQuiet();

        toBob.send(ChatMessages.chat(BOB, "z".repeat(4 * MAX_STANZA_BYTES)));

        assertThat(bob.listener.ending()).isEqualTo("the peer sent a stanza of more than " + MAX_STANZA_BYTES
                + " bytes (maxStanzaBytes)");
        // Alice reads Bob's stream error, unless Bob's close reaches her writer first, still busy with the stanza.
        assertThat(alice.listener.ending()).isIn("the peer's stream broke: the peer ended the stream with the error"
                + " policy-violation: a stanza of more than " + MAX_STANZA_BYTES + " bytes",
                "cannot write to the channel: the peer closed the stream");
        assertThat(bob.listener.received).as("the stanza over the cap is not delivered").isEmpty();
        alice.awaitReleased();
        bob.awaitReleased();
    }

    @Test
    void aStreamFromSomeoneElseIsRefused() throws Exception {
        Channel peer = openAgainstRawPeer();
        FullJid mallory = JidCreate.fullFromOrThrowUnchecked("mallory@example.org/tandem");

        write(peer, StanzaStream.header(mallory, ALICE) + StanzaStream.toXml(ChatMessages.chat(ALICE, "hi")));

        assertThat(alice.listener.ending()).isEqualTo("the peer's stream broke: the stream is from " + mallory
                + ", the session with " + BOB);
        assertThat(alice.listener.received).isEmpty();
    }

    @Test
    void aDeadChannelIsReportedOnBothSides() throws Exception {
        openBoth();

        datagrams.cut();

        // The channel's failure listener and the reader blocked on it race to report; either names the cause.
        assertThat(alice.listener.ending()).contains("no datagram from the peer");
        assertThat(bob.listener.ending()).contains("no datagram from the peer");
        alice.awaitReleased();
        bob.awaitReleased();
        assertThat(alice.session.end()).get().extracting(SessionEnd::reason)
                .isEqualTo(JingleReason.Reason.connectivity_error);
        assertThat(alice.listener.endings).isEmpty();
        assertThat(bob.listener.endings).isEmpty();
    }

    @Test
    void aPathLostBeforeStartIsReportedOnceAtStart() throws Exception {
        CompletableFuture<Channel> peer = rawPeer();
        XmlStreamLink link = alice.open();
        peer.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        alice.path.lost.accept("consent expired");
        alice.awaitReleased();
        assertThat(alice.listener.endings).as("not before start").isEmpty();

        link.start();
        assertThat(alice.listener.ending()).isEqualTo("the ICE path was lost: consent expired");
        alice.path.lost.accept("again");
        assertThat(alice.listener.endings).isEmpty();
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.BLOCKED) {
            assertThat(System.nanoTime() - deadline).as(thread.getName() + " waiting").isNegative();
            Thread.sleep(1);
        }
    }

    /** Opens Alice's link and Bob's (the handshake needs both at once) and starts them; returns Alice's. */
    private XmlStreamLink openBoth() throws Exception {
        CompletableFuture<XmlStreamLink> atBob = CompletableFuture.supplyAsync(bob::openUnchecked, background);
        XmlStreamLink atAlice = alice.open();
        atBob.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        atAlice.start();
        bob.link.start();
        return atAlice;
    }

    /**
     * Opens both links and waits until neither has anything left to write, by a message each way. An end that
     * reaches a side with a write still queued (at first, its stream header) is reported there as a failed write,
     * "cannot write to the channel", rather than as the peer's close; these tests are about ends that find the
     * stream quiet.
     */
    private XmlStreamLink openBothQuiet() throws Exception {
        XmlStreamLink toBob = openBoth();
        toBob.send(ChatMessages.chat(BOB, "ready"));
        bob.listener.take(1);
        bob.link.send(ChatMessages.chat(ALICE, "ready"));
        alice.listener.take(1);
        return toBob;
    }

    /**
     * Opens and starts Alice's link against a bare channel, through which the test writes Bob's stream itself;
     * returns once Alice's stream header has arrived there, so that Alice has nothing queued to write when her
     * link ends (see {@link #openBothQuiet}).
     */
    private Channel openAgainstRawPeer() throws Exception {
        CompletableFuture<Channel> opening = rawPeer();
        alice.open().start();
        Channel peer = opening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String header = StanzaStream.header(ALICE, BOB);
        assertThat(new String(peer.input().readNBytes(header.length()), StandardCharsets.UTF_8)).isEqualTo(header);
        return peer;
    }

    private CompletableFuture<Channel> rawPeer() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Channel.open(datagrams.bob, bob.identity, alice.identity.fingerprint(), Channel.Role.SERVER,
                        QUICK, cause -> { });
            } catch (ChannelHandshakeException e) {
                throw new CompletionException(e);
            }
        }, background);
    }

    private static void write(Channel channel, String xml) throws IOException {
        channel.output().write(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** One end: its Jingle session (signalling to nowhere), its path, its link and what the link told it. */
    private final class Side {
        final ChannelIdentity identity = ChannelIdentity.generate();
        final RecordingListener listener = new RecordingListener();
        final TestPath path;
        final JingleSession session;
        private final FullJid peer;
        private final Channel.Role role;
        XmlStreamLink link;

        Side(FullJid local, FullJid peer, MemoryDatagrams.End end, Channel.Role role) {
            this.peer = peer;
            this.role = role;
            this.path = new TestPath(end);
            this.session = sessionFrom(local, peer);
        }

        XmlStreamLink open() throws ChannelHandshakeException {
            Side other = this == alice ? bob : alice;
            path.peerIdentity = other.identity;
            path.identity = identity;
            path.role = role;
            link = XmlStreamLink.open(session, path, System.nanoTime(), listener, background, MAX_STANZA_BYTES);
            return link;
        }

        XmlStreamLink openUnchecked() {
            try {
                return open();
            } catch (ChannelHandshakeException e) {
                throw new CompletionException(e);
            }
        }

        void awaitReleased() throws InterruptedException {
            assertThat(path.released.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the path released").isTrue();
        }
    }

    /** The channel on the in-memory path; records the link's path-loss listener and the path's release. */
    private static final class TestPath implements XmlStreamLink.ChannelPath {
        private final MemoryDatagrams.End end;
        final CountDownLatch released = new CountDownLatch(1);
        volatile Consumer<String> lost;
        ChannelIdentity identity;
        ChannelIdentity peerIdentity;
        Channel.Role role;
        ChannelConfig config = QUICK;

        TestPath(MemoryDatagrams.End end) {
            this.end = end;
        }

        @Override
        public PathType type() {
            return PathType.HOST;
        }

        @Override
        public void onLost(Consumer<String> onLost) {
            lost = onLost;
        }

        @Override
        public Channel openChannel(Channel.FailureListener onFailure) throws ChannelHandshakeException {
            return Channel.open(end, identity, peerIdentity.fingerprint(), role, config, onFailure);
        }

        @Override
        public void close() {
            released.countDown();
        }
    }

    /** What a link tells its conversation. */
    private static final class RecordingListener implements DirectLink.Listener {
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final BlockingQueue<String> endings = new LinkedBlockingQueue<>();
        /** What the listener sends back as it handles each stanza, on the link's reader thread. */
        volatile BiConsumer<DirectLink, Message> answer = (link, message) -> { };

        @Override
        public void received(DirectLink link, Message message) {
            answer.accept(link, message);
            received.add(message);
        }

        @Override
        public void ended(DirectLink link, String reason) {
            endings.add(reason);
        }

        List<Message> take(int count) throws InterruptedException {
            List<Message> taken = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Message next = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(next).as("message " + (i + 1) + " of " + count).isNotNull();
                taken.add(next);
            }
            return taken;
        }

        /** The first ending, waited for; takes it off, so that a second one shows in {@link #endings}. */
        String ending() throws InterruptedException {
            String reason = endings.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reason).as("the link's end reported").isNotNull();
            return reason;
        }
    }

    /** A started Jingle session from {@code local} to {@code peer}; what it sends goes nowhere. */
    private static JingleSession sessionFrom(FullJid local, FullJid peer) {
        JingleSignalling nowhere = new JingleSignalling() {
            @Override
            public FullJid localJid() {
                return local;
            }

            @Override
            public void request(Jingle request, Consumer<Exception> onFailure) {
            }

            @Override
            public void respond(IQ response) {
            }
        };
        try {
            return new XmlStreamSessions(new JingleSessions(nowhere, contact -> true)).initiate(peer,
                    JingleSamples.transport(), new JingleSessionListener() { });
        } catch (DirectSessionRefusedException e) {
            throw new AssertionError(e);
        }
    }
}
