package im.tandem.client.file.transport.s5b;

import static im.tandem.client.file.transport.Contexts.JULIET;
import static im.tandem.client.file.transport.Contexts.ROMEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;
import im.tandem.client.file.element.S5bSignal;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.AnsweringConnection;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.Contexts;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportSettings;

/**
 * One party's XEP-0260 negotiation against a scripted peer: the peer's candidates are SOCKS5 servers on loopback,
 * its transport-infos are fed in by hand, and what we send it is collected.
 */
class S5bNegotiationTest {
    private static final String SID = "vj3hs98y";
    private static final Jid ROMEOS_PROXY = JidCreate.fromOrThrowUnchecked("proxy.montague.example");
    private static final Jid JULIETS_PROXY = JidCreate.fromOrThrowUnchecked("proxy.capulet.example");
    private static final long PROXY_PRIORITY = S5bCandidateType.PROXY.priority(S5bCandidateType.MAX_LOCAL_PREFERENCE);
    /** The negotiation's rules are under test here, not which candidates may be tried: every one may. */
    static final S5bNegotiation.CandidateFilter EVERY_CANDIDATE = offered -> offered;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<JingleContentTransport> sentInfo = new LinkedBlockingQueue<>();
    private final AnsweringConnection server = new AnsweringConnection();

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void connectsToTheOfferersDirectCandidateWithTheHashedAddressAndCarriesTheBytes() throws Exception {
        try (Socks5Stub romeosHost = new Socks5Stub();
             S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of())) {
            S5bCandidate direct = candidate("r-direct", romeosHost.port(), ROMEO, S5bCandidateType.DIRECT,
                    S5bCandidateType.DIRECT.priority(0));

            juliet.start(S5bTransport.parsed(SID, S5bTransport.MODE_TCP, null, List.of(direct), null));

            assertThat(romeosHost.dstaddr().get(5, TimeUnit.SECONDS))
                    .as("XEP-0065 DST.ADDR: SHA-1 of sid, the candidate's offerer and the party connecting")
                    .isEqualTo(sha1Hex(SID + ROMEO + JULIET));
            assertThat(nextSignal()).isEqualTo(new S5bSignal.CandidateUsed("r-direct"));

            juliet.info(signal(new S5bSignal.CandidateError()));

            BytePipe pipe = juliet.pipe().get(5, TimeUnit.SECONDS);
            try (OutputStream out = pipe.output()) {
                out.write("hello".getBytes(StandardCharsets.UTF_8));
            }
            InputStream atRomeo = romeosHost.connected().get(5, TimeUnit.SECONDS).getInputStream();
            assertThat(new String(atRomeo.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void usesTheDstaddrTheOffererNamed() throws Exception {
        try (Socks5Stub romeosHost = new Socks5Stub();
             S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of())) {
            S5bCandidate direct = candidate("r-direct", romeosHost.port(), ROMEO, S5bCandidateType.DIRECT, 1);

            juliet.start(S5bTransport.candidates(SID, "named-by-romeo", List.of(direct)));

            assertThat(romeosHost.dstaddr().get(5, TimeUnit.SECONDS)).isEqualTo("named-by-romeo");
        }
    }

    @Test
    void aCandidateNobodyAnswersOnIsReportedAsCandidateError() throws Exception {
        try (S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of())) {
            juliet.start(offer(candidate("r-gone", closedPort(), ROMEO, S5bCandidateType.DIRECT, 1)));

            assertThat(nextSignal()).isEqualTo(new S5bSignal.CandidateError());
        }
    }

    @Test
    void connectsOnlyToTheCandidatesTheFilterKeeps() throws Exception {
        try (Socks5Stub lanHost = new Socks5Stub(); Socks5Stub ourProxy = new Socks5Stub()) {
            Bytestream.StreamHost announced = new Bytestream.StreamHost(JULIETS_PROXY, "127.0.0.1", ourProxy.port());
            S5bCandidateFilter proxiesOnly = new S5bCandidateFilter(List.of(announced), false, 4);
            try (S5bNegotiation juliet = new S5bNegotiation(asJuliet(), proxiesOnly, SID, List.of())) {
                juliet.start(offer(
                        candidate("r-lan", lanHost.port(), ROMEO, S5bCandidateType.DIRECT, PROXY_PRIORITY + 1),
                        candidate("r-via-ours", ourProxy.port(), JULIETS_PROXY, S5bCandidateType.PROXY,
                                PROXY_PRIORITY)));

                assertThat(nextSignal()).isEqualTo(new S5bSignal.CandidateUsed("r-via-ours"));
                assertThat(ourProxy.dstaddr()).isDone();
                assertThat(lanHost.dstaddr()).as("the contact's own host, tried first were it allowed").isNotDone();
            }
        }
    }

    @Test
    void noCandidateIsTriedOnceTheNegotiationIsClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socks5Stub next = new Socks5Stub();
             S5bNegotiation juliet = new S5bNegotiation(withConnectTimeout(Duration.ofMillis(500)), EVERY_CANDIDATE,
                     SID, List.of())) {
            juliet.start(offer(
                    candidate("r-silent", silent.getLocalPort(), ROMEO, S5bCandidateType.DIRECT, 2),
                    candidate("r-next", next.port(), ROMEO, S5bCandidateType.DIRECT, 1)));
            Thread.sleep(100); // connecting to the silent host, which never answers the SOCKS5 greeting

            juliet.close();

            assertThatThrownBy(() -> next.dstaddr().get(1500, TimeUnit.MILLISECONDS))
                    .as("the next candidate, after the silent one's timeout").isInstanceOf(TimeoutException.class);
            assertThat(sentInfo).as("nothing reported for a closed negotiation").isEmpty();
        }
    }

    @Test
    void twoCandidateErrorsFailThePipe() throws Exception {
        try (S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of())) {
            juliet.start(offer());
            assertThat(nextSignal()).isEqualTo(new S5bSignal.CandidateError());

            juliet.info(signal(new S5bSignal.CandidateError()));

            assertFails(juliet);
        }
    }

    @Test
    void theInitiatorsProxyUsedByBothIsActivatedByTheInitiatorWhoSaysSo() throws Exception {
        try (Socks5Stub romeosProxy = new Socks5Stub();
             S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of())) {
            juliet.start(offer(candidate("r-proxy", romeosProxy.port(), ROMEOS_PROXY, S5bCandidateType.PROXY,
                    PROXY_PRIORITY)));
            assertThat(nextSignal()).isEqualTo(new S5bSignal.CandidateUsed("r-proxy"));

            juliet.info(signal(new S5bSignal.CandidateError()));

            assertThat(juliet.pipe()).as("a proxy carries nothing before its activation").isNotDone();
            assertThatThrownBy(() -> juliet.info(signal(new S5bSignal.Activated("r-other"))))
                    .isInstanceOf(BadTransportException.class);

            juliet.info(signal(new S5bSignal.Activated("r-proxy")));

            assertThat(juliet.pipe().get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void aProxyErrorFromTheActivatingPeerFailsThePipe() throws Exception {
        try (Socks5Stub romeosProxy = new Socks5Stub();
             S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of())) {
            juliet.start(offer(candidate("r-proxy", romeosProxy.port(), ROMEOS_PROXY, S5bCandidateType.PROXY,
                    PROXY_PRIORITY)));
            assertThat(nextSignal()).isEqualTo(new S5bSignal.CandidateUsed("r-proxy"));
            juliet.info(signal(new S5bSignal.CandidateError()));

            juliet.info(signal(new S5bSignal.ProxyError()));

            assertFails(juliet);
        }
    }

    /**
     * XEP-0260 §2.4: both found a candidate of equal priority, so the one the initiator chose wins. As responder
     * that is our proxy, which we then connect to, activate for the initiator, and announce. (The other rows of the
     * rule are in {@link S5bNominationTableTest}; this one follows the activation through.)
     */
    @Test
    void onEqualPriorityTheResponderActivatesItsProxyThatTheInitiatorChose() throws Exception {
        try (Socks5Stub romeosProxy = new Socks5Stub(); Socks5Stub juliets = new Socks5Stub();
             S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of(
                     candidate("j-proxy", juliets.port(), JULIETS_PROXY, S5bCandidateType.PROXY, PROXY_PRIORITY)))) {
            juliet.start(offer(candidate("r-proxy", romeosProxy.port(), ROMEOS_PROXY, S5bCandidateType.PROXY,
                    PROXY_PRIORITY)));
            assertThat(nextSignal()).isEqualTo(new S5bSignal.CandidateUsed("r-proxy"));

            juliet.info(signal(new S5bSignal.CandidateUsed("j-proxy")));

            BytePipe pipe = juliet.pipe().get(5, TimeUnit.SECONDS);
            assertThat(juliets.dstaddr().get(5, TimeUnit.SECONDS)).as("we connect to our proxy as its offerer")
                    .isEqualTo(sha1Hex(SID + JULIET + ROMEO));
            assertThat(server.sent()).singleElement().isInstanceOfSatisfying(Bytestream.class, activation -> {
                assertThat((Object) activation.getTo()).isEqualTo(JULIETS_PROXY);
                assertThat(activation.getSessionID()).isEqualTo(SID);
                assertThat((Object) activation.getToActivate().getTarget()).isEqualTo(ROMEO);
            });
            assertThat(nextSignal()).isEqualTo(new S5bSignal.Activated("j-proxy"));
            assertThat(romeosProxy.connected().get(5, TimeUnit.SECONDS).getInputStream().read())
                    .as("the losing connection is closed").isEqualTo(-1);
            try (OutputStream out = pipe.output()) {
                out.write(42);
            }
            assertThat(juliets.connected().get(5, TimeUnit.SECONDS).getInputStream().read()).isEqualTo(42);
        }
    }

    @Test
    void candidateUsedMustNameACandidateWeOffered() {
        S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of(
                candidate("j-proxy", 7777, JULIETS_PROXY, S5bCandidateType.PROXY, PROXY_PRIORITY)));

        assertThatThrownBy(() -> juliet.info(signal(new S5bSignal.CandidateUsed("r-proxy"))))
                .isInstanceOf(BadTransportException.class).hasMessageContaining("r-proxy");
    }

    @Test
    void refusesAnotherStreamIdAnotherTransportAndUdp() {
        S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of());

        assertThatThrownBy(() -> juliet.start(S5bTransport.candidates("other", "x", List.of())))
                .isInstanceOf(BadTransportException.class);
        assertThatThrownBy(() -> juliet.info(S5bTransport.signal("other", new S5bSignal.CandidateError())))
                .isInstanceOf(BadTransportException.class);
        assertThatThrownBy(() -> juliet.start(new IbbTransport(4096, SID, IbbTransport.Stanza.IQ)))
                .isInstanceOf(BadTransportException.class);
        assertThatThrownBy(() -> juliet.info(new IbbTransport(4096, SID, IbbTransport.Stanza.IQ)))
                .isInstanceOf(BadTransportException.class);
        assertThatThrownBy(() -> juliet.start(S5bTransport.parsed(SID, S5bTransport.MODE_UDP, null, List.of(), null)))
                .isInstanceOf(BadTransportException.class).hasMessageContaining("tcp");
        assertThat(sentInfo).as("nothing refused got as far as connecting").isEmpty();
    }

    @Test
    void refusesASecondSetOfCandidates() throws Exception {
        try (S5bNegotiation juliet = new S5bNegotiation(asJuliet(), EVERY_CANDIDATE, SID, List.of())) {
            juliet.start(offer());

            assertThatThrownBy(() -> juliet.start(offer())).isInstanceOf(BadTransportException.class);
        }
    }

    private NegotiationContext asJuliet() {
        return Contexts.juliet(server.connection(), 4096, executor, sentInfo::add);
    }

    private NegotiationContext withConnectTimeout(Duration timeout) {
        NegotiationContext context = asJuliet();
        TransportSettings settings = context.settings();
        return new NegotiationContext(context.connection(), context.local(), context.peer(), context.initiator(),
                new TransportSettings(settings.ibbBlockSize(), timeout, settings.directS5bCandidates(),
                        settings.maxS5bCandidates(), settings.idleTimeout(), settings.ice(), settings.channel()),
                context.executor(), context.sendInfo());
    }

    private S5bSignal nextSignal() throws InterruptedException {
        JingleContentTransport info = sentInfo.poll(5, TimeUnit.SECONDS);
        assertThat(info).as("a transport-info to the peer").isInstanceOf(S5bTransport.class);
        S5bTransport transport = (S5bTransport) info;
        assertThat(transport.sid()).isEqualTo(SID);
        return transport.signal().orElseThrow();
    }

    private static void assertFails(S5bNegotiation negotiation) {
        assertThatThrownBy(() -> negotiation.pipe().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    }

    private static S5bTransport offer(S5bCandidate... candidates) {
        return S5bTransport.candidates(SID, sha1Hex(SID + ROMEO + JULIET), List.of(candidates));
    }

    private static S5bTransport signal(S5bSignal signal) {
        return S5bTransport.signal(SID, signal);
    }

    private static S5bCandidate candidate(String cid, int port, Jid jid, S5bCandidateType type, long priority) {
        return new S5bCandidate(cid, "127.0.0.1", jid, port, priority, type);
    }

    /** A loopback port nobody listens on: connecting is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
