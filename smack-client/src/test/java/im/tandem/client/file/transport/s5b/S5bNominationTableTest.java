package im.tandem.client.file.transport.s5b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;
import im.tandem.client.file.element.S5bSignal;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.AnsweringConnection;
import im.tandem.client.file.transport.Contexts;
import im.tandem.client.file.transport.NegotiationContext;

/**
 * XEP-0260 §2.4 from one party's side, as a table: which candidate each party connected to (or none), at what
 * priority, decides what we do next. Unlike {@link S5bNominationTest}, this goes through the negotiation, so it
 * also checks that our report and the peer's are read as the initiator's and the responder's for our role.
 */
class S5bNominationTableTest {
    private static final String SID = "table-sid";

    /** What the negotiation does once both parties reported. */
    enum Outcome {
        /** SOCKS5 failed: nobody connected. */
        FAILS,
        /** The peer's direct candidate we connected to carries the bytes at once. */
        READY,
        /** The peer's proxy won: its offerer activates it, we wait for {@code <activated/>}. */
        AWAITS_ACTIVATION,
        /** Our proxy won: we activate it and say so. */
        ACTIVATES
    }

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<JingleContentTransport> sentInfo = new LinkedBlockingQueue<>();
    private final AnsweringConnection server = new AnsweringConnection();

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    /**
     * @param weUsed   the peer's candidate we connect to, as "type priority", or "-" for none (candidate-error)
     * @param theyUsed the priority of our proxy the peer connected to, or 0 for its candidate-error
     */
    @ParameterizedTest(name = "as {0}: we used {1}, they used {2} -> {3}")
    @CsvSource({
            // nobody connected
            "initiator, -,         0,   FAILS",
            "responder, -,         0,   FAILS",
            // only one party connected: its candidate wins
            "initiator, proxy 100, 0,   AWAITS_ACTIVATION",
            "responder, proxy 100, 0,   AWAITS_ACTIVATION",
            "responder, direct 100, 0,  READY",
            "initiator, -,         100, ACTIVATES",
            "responder, -,         100, ACTIVATES",
            // both connected: the higher priority wins, whoever chose it
            "initiator, proxy 101, 100, AWAITS_ACTIVATION",
            "responder, proxy 101, 100, AWAITS_ACTIVATION",
            "initiator, proxy 100, 101, ACTIVATES",
            "responder, proxy 100, 101, ACTIVATES",
            "responder, direct 101, 100, READY",
            // both connected at equal priority: the initiator's choice wins
            "initiator, proxy 100, 100, AWAITS_ACTIVATION",
            "responder, proxy 100, 100, ACTIVATES",
    })
    void nominates(String role, String weUsed, long theyUsed, Outcome outcome) throws Exception {
        boolean initiator = role.equals("initiator");
        // Our one proxy has the priority the peer found it at (any valid one when the peer found nothing).
        try (Socks5Stub theirs = new Socks5Stub(); Socks5Stub ours = new Socks5Stub();
             S5bNegotiation negotiation = new S5bNegotiation(context(initiator),
                     S5bNegotiationTest.EVERY_CANDIDATE, SID, List.of(new S5bCandidate(
                     "our-proxy", "127.0.0.1", JidCreate.from("proxy.ours.example"), ours.port(),
                     Math.max(theyUsed, 1), S5bCandidateType.PROXY)))) {
            negotiation.start(S5bTransport.candidates(SID, "dstaddr", List.of(theirCandidate(weUsed, theirs))));
            assertThat(nextSignal()).isEqualTo(weUsed.equals("-") ? new S5bSignal.CandidateError()
                    : new S5bSignal.CandidateUsed("their-candidate"));

            negotiation.info(S5bTransport.signal(SID, theyUsed == 0 ? new S5bSignal.CandidateError()
                    : new S5bSignal.CandidateUsed("our-proxy")));

            switch (outcome) {
                case FAILS -> assertThatThrownBy(() -> negotiation.pipe().get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
                case READY -> assertThat(negotiation.pipe().get(5, TimeUnit.SECONDS)).isNotNull();
                case AWAITS_ACTIVATION -> {
                    assertThat(negotiation.pipe()).isNotDone();
                    negotiation.info(S5bTransport.signal(SID, new S5bSignal.Activated("their-candidate")));
                    assertThat(negotiation.pipe().get(5, TimeUnit.SECONDS)).isNotNull();
                }
                case ACTIVATES -> {
                    assertThat(negotiation.pipe().get(5, TimeUnit.SECONDS)).isNotNull();
                    assertThat(nextSignal()).isEqualTo(new S5bSignal.Activated("our-proxy"));
                }
            }
            assertThat(server.sent()).as("activation requests").hasSize(outcome == Outcome.ACTIVATES ? 1 : 0)
                    .allSatisfy(iq -> assertThat(iq).isInstanceOf(Bytestream.class));
        }
    }

    /** The peer's one candidate: on its SOCKS5 stub if we are to connect to it, else on a port nobody answers. */
    private static S5bCandidate theirCandidate(String weUsed, Socks5Stub stub) throws IOException {
        if (weUsed.equals("-")) {
            return new S5bCandidate("their-candidate", "127.0.0.1", JidCreate.from("proxy.theirs.example"),
                    closedPort(), 100, S5bCandidateType.PROXY);
        }
        String[] typeAndPriority = weUsed.split(" ");
        S5bCandidateType type = S5bCandidateType.valueOf(typeAndPriority[0].toUpperCase(Locale.ROOT));
        return new S5bCandidate("their-candidate", "127.0.0.1", type == S5bCandidateType.PROXY
                ? JidCreate.from("proxy.theirs.example") : JidCreate.from("peer@theirs.example/res"), stub.port(),
                Long.parseLong(typeAndPriority[1]), type);
    }

    private NegotiationContext context(boolean initiator) {
        return initiator ? Contexts.romeo(server.connection(), 4096, executor, sentInfo::add)
                : Contexts.juliet(server.connection(), 4096, executor, sentInfo::add);
    }

    private S5bSignal nextSignal() throws InterruptedException {
        JingleContentTransport info = sentInfo.poll(5, TimeUnit.SECONDS);
        assertThat(info).isInstanceOf(S5bTransport.class);
        return ((S5bTransport) info).signal().orElseThrow();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
