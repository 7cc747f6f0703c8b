package im.tandem.it.direct;

import static im.tandem.it.lab.Rfc5780Behaviour.ADDRESS_AND_PORT_DEPENDENT;
import static im.tandem.it.lab.Rfc5780Behaviour.intendedFiltering;
import static im.tandem.it.lab.Rfc5780Behaviour.intendedMapping;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import im.tandem.ice.session.PathType;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.PeerProcess;

/**
 * Chat programs behind lab NATs, their server a real Openfire with the plugin on a lab host. For every pair of NAT
 * kinds, with the plugin offering the lab's coturn as TURN server, a conversation ends up on exactly the route the
 * two NATs allow ({@link #expectedRoute}): direct over host, server-reflexive or relayed candidates, or with the
 * server; either way every message arrives once and in order. Without TURN, or with credentials coturn refuses, a
 * pair that needs the relay stays with the server. Cutting the direct path moves the conversation to the server
 * without losing or repeating a message, and a new direct session forms once the path is back. A standard client
 * without Jingle (slixmpp) just gets ordinary messages. One lab and one server serve the whole class, and the
 * matrix shares one chat program per lab client.
 */
@Tag("server")
@Tag("lab")
class DirectChatLabTest {
    /** Shortened so the class runs in reasonable time: the product defaults are 3 s, 15 s and 10 s. */
    private static final String[] TIMINGS = {PeerArguments.ACK_TIMEOUT_MS, "2000", PeerArguments.RETRY_MS, "2000",
            PeerArguments.ICE_TIMEOUT_MS, "6000"};
    /** A JVM starting inside a namespace and logging in, on a loaded two-core machine (twelve start at once). */
    private static final Duration LOGIN = Duration.ofSeconds(90);
    /** Gathering (5 s when no server answers), signalling, ICE (6 s limit above) and the channel handshake. */
    private static final Duration SETUP = Duration.ofSeconds(40);
    /** A message through the server or over a live path. */
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** Acknowledgement timeout (2 s) plus the resend through the server. */
    private static final Duration FALLBACK = Duration.ofSeconds(20);
    /** Failed attempts back off 2, 4, 8 … s; after the cut ends, one of them succeeds well within this. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    /** Messages each side sends after the route is settled: enough to see order, few enough to be quick. */
    private static final int MESSAGES = 4;
    /** Debian's interpreter, where python3-slixmpp installs; not whatever python3 is first on the PATH. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    /** The route word and path the chat program prints when a conversation stays with the server. */
    private static final String SERVER = "server -";

    private static DirectLab lab;
    /** The matrix's chat programs by lab client; each logs in as the user named like its client. */
    private static final Map<String, PeerProcess> MATRIX_PEERS = new LinkedHashMap<>();

    /** Two clients of every kind, so that same-kind pairs have two routers; the matrix users are their contacts. */
    @BeforeAll
    static void startLab() throws InterruptedException {
        Map<String, NatKind> clients = new LinkedHashMap<>();
        for (NatKind kind : NatKind.values()) {
            clients.put(client(kind, 1), kind);
            clients.put(client(kind, 2), kind);
        }
        lab = DirectLab.start(clients);
        natPairs().forEach(pair -> lab.contacts(pair.alice(), pair.bob()));
        for (String client : clients.keySet()) {
            MATRIX_PEERS.put(client, lab.chatPeer(client, client, TIMINGS));
        }
        for (PeerProcess peer : MATRIX_PEERS.values()) {
            peer.await("connected ", LOGIN);
        }
    }

    @AfterAll
    static void stopLab() {
        MATRIX_PEERS.values().forEach(PeerProcess::close);
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * The route a conversation between clients behind these two kinds of NAT must end up on, with STUN and TURN
     * over UDP offered, from the NATs' RFC 4787 behaviours as the lab emulates them and ICE's rules (RFC 8445):
     * <ul>
     *   <li>A router that drops UDP lets no connectivity check through, nor TURN, which ICE uses over UDP: the
     *       conversation stays with the server.</li>
     *   <li>Two public hosts reach each other's host candidates.</li>
     *   <li>A mapping that depends on the destination (symmetric NAT) sends checks from a port the peer never
     *       learned. A filter that ignores the sender's port (no NAT, full cone, and a restricted cone once it has
     *       sent to that address) lets them in, and the answer to them works as a peer-reflexive path; a
     *       port-dependent filter drops them, and only the relay is left.</li>
     *   <li>Otherwise both mappings are endpoint-independent: the checks each side sends to the other's
     *       server-reflexive address open its own filter for the other's, and a server-reflexive pair works.</li>
     * </ul>
     * A path counts as "host" only if both candidates are; with any reflexive one it is "srflx" (see PathType).
     */
    private static String expectedRoute(NatKind a, NatKind b) {
        if (a == NatKind.UDP_BLOCKED || b == NatKind.UDP_BLOCKED) {
            return SERVER;
        }
        if (!a.translates() && !b.translates()) {
            return direct(PathType.HOST);
        }
        if (portDependentAgainst(a, b) || portDependentAgainst(b, a)) {
            return direct(PathType.RELAY);
        }
        return direct(PathType.SRFLX);
    }

    /** Whether checks from {@code sender}'s fresh per-destination ports die in {@code receiver}'s filter. */
    private static boolean portDependentAgainst(NatKind sender, NatKind receiver) {
        return intendedMapping(sender) == ADDRESS_AND_PORT_DEPENDENT
                && intendedFiltering(receiver) == ADDRESS_AND_PORT_DEPENDENT;
    }

    private static String direct(PathType path) {
        return "direct " + path.name().toLowerCase(Locale.ROOT);
    }

    /** Every unordered pair of NAT kinds, same-kind pairs included. */
    static Stream<NatPair> natPairs() {
        NatKind[] kinds = NatKind.values();
        return IntStream.range(0, kinds.length).boxed()
                .flatMap(i -> IntStream.range(i, kinds.length).mapToObj(j -> new NatPair(kinds[i], kinds[j])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("natPairs")
    void everyPairOfNatKindsChatsOnTheRouteItsNatsAllowAndLosesNothing(NatPair pair) throws Exception {
        lab.offerTurn();
        converse(MATRIX_PEERS.get(pair.alice()), pair.alice(), MATRIX_PEERS.get(pair.bob()), pair.bob(),
                expectedRoute(pair.a(), pair.b()));
    }

    @Test
    void portRestrictedConeAndSymmetricWithoutTurnStayWithTheServer() throws Exception {
        lab.withdrawTurn();
        converseAsNewUsers(client(NatKind.PORT_RESTRICTED_CONE, 1), client(NatKind.SYMMETRIC, 1), "porta", "symb",
                SERVER);
    }

    /** Credentials made with a secret coturn does not share are refused: the chat stays with the server, whole. */
    @Test
    void symmetricNatsWhoseTurnCredentialsCoturnRefusesStayWithTheServer() throws Exception {
        lab.offerTurnWithSecret("not-the-secret-coturn-knows");
        converseAsNewUsers(client(NatKind.SYMMETRIC, 1), client(NatKind.SYMMETRIC, 2), "symw", "symx", SERVER);
    }

    @Test
    void cuttingTheDirectPathMovesTheConversationToTheServerAndItComesBackDirect() throws Exception {
        lab.withdrawTurn();
        lab.contacts("cuta", "cutb");
        String aliceJid = lab.jid("cuta");
        String bobJid = lab.jid("cutb");
        String aliceClient = client(NatKind.NONE, 1);
        List<String> sentByAlice = new ArrayList<>();
        try (PeerProcess alice = lab.chatPeer(aliceClient, "cuta", TIMINGS);
             PeerProcess bob = lab.chatPeer(client(NatKind.NONE, 2), "cutb", TIMINGS)) {
            online(alice, bob, bobJid);

            say(alice, bobJid, "before the cut 1", sentByAlice);
            alice.await("route " + bobJid + " direct host", SETUP);
            bob.await("route " + aliceJid + " direct host", SETUP);
            for (int i = 2; i <= 3; i++) {
                say(alice, bobJid, "before the cut " + i, sentByAlice);
                assertThat(alice.await("sent ", DELIVERY)).startsWith("sent " + bobJid + " direct ");
            }
            bob.await("message " + aliceJid + " direct before the cut 3", DELIVERY);

            try {
                lab.lab().cutUdp(aliceClient);
                for (int i = 1; i <= 3; i++) {
                    say(alice, bobJid, "during the cut " + i, sentByAlice);
                }
                assertThat(alice.await("route " + bobJid + " server", FALLBACK))
                        .contains("re-sent through the server");
                bob.await("message " + aliceJid + " server during the cut 3", DELIVERY);
                say(alice, bobJid, "after the fallback", sentByAlice);
                assertThat(alice.await("sent ", DELIVERY)).startsWith("sent " + bobJid + " server ");
                bob.send("/msg " + aliceJid + " bob during the cut");
                alice.await("message " + bobJid + " server bob during the cut", DELIVERY);
            } finally {
                lab.lab().restoreLink(aliceClient); // the matrix's peer there needs UDP too
            }
            long deadline = System.nanoTime() + RECOVERY.toNanos();
            int attempt = 0;
            while (alice.linesStartingWith("route " + bobJid + " direct").size() < 2) {
                assertThat(System.nanoTime()).as("a new direct session within %s", RECOVERY).isLessThan(deadline);
                say(alice, bobJid, "waiting for the path " + ++attempt, sentByAlice);
                Thread.sleep(1_000);
            }
            say(alice, bobJid, "direct again", sentByAlice);
            assertThat(alice.await("sent " + bobJid + " direct direct again", DELIVERY)).isNotNull();
            bob.await("message " + aliceJid + " direct direct again", DELIVERY);

            assertThat(texts(bob, aliceJid)).as("every message once, in order").containsExactlyElementsOf(sentByAlice);
            assertThat(texts(alice, bobJid)).containsExactly("bob during the cut");
        }
    }

    @Test
    void aStandardClientWithoutJingleGetsOrdinaryMessagesAndIsOfferedNoSession() throws Exception {
        lab.contacts("tandy", "sam");
        String tandyJid = lab.jid("tandy");
        String samJid = lab.jid("sam");
        Path script = Path.of(DirectChatLabTest.class.getResource("/slixmpp/plain_peer.py").toURI());
        assertThat(SYSTEM_PYTHON).as("Debian's python3 (apt-get install python3-slixmpp)").isExecutable();
        try (PeerProcess tandy = lab.chatPeer(client(NatKind.FULL_CONE, 1), "tandy", TIMINGS)) {
            tandy.await("connected ", LOGIN);
            try (PeerProcess sam = lab.program(client(NatKind.PORT_RESTRICTED_CONE, 1), "sam",
                    SYSTEM_PYTHON.toString(), script.toString(),
                    "--jid", samJid + "/slixmpp", "--password", DirectLab.password("sam"),
                    "--host", lab.server().host(), "--port", Integer.toString(lab.server().clientPort()),
                    "--to", tandyJid, "--text", "from sam", "--send", "2", "--expect", "3")) {
                sam.await("ONLINE", LOGIN);
                tandy.await("message " + samJid + " server from sam 2", DELIVERY);
                for (int i = 1; i <= 3; i++) {
                    tandy.send("/msg " + samJid + " from tandy " + i);
                    assertThat(tandy.await("sent ", DELIVERY)).isEqualTo("sent " + samJid + " server from tandy " + i);
                }
                assertThat(sam.awaitExit(DELIVERY)).as("slixmpp got every message and exited").isZero();

                assertThat(sam.linesStartingWith("GOT ")).containsExactly("GOT " + tandyJid + " from tandy 1",
                        "GOT " + tandyJid + " from tandy 2", "GOT " + tandyJid + " from tandy 3");
                assertThat(sam.linesStartingWith("IQ ")).as("what slixmpp was asked")
                        .noneMatch(line -> line.contains("urn:xmpp:jingle"));
                assertThat(tandy.linesStartingWith("route ")).as("no attempt, so no failure either").isEmpty();
            }
        }
    }

    /** Two NAT kinds, and the matrix clients behind them: the first client of each kind, or both of one kind. */
    record NatPair(NatKind a, NatKind b) {
        String alice() {
            return client(a, 1);
        }

        String bob() {
            return client(b, a == b ? 2 : 1);
        }

        @Override
        public String toString() {
            return a + " with " + b;
        }
    }

    /** The lab client name for the {@code number}th client behind a NAT of {@code kind}. */
    private static String client(NatKind kind, int number) {
        String stem = switch (kind) {
            case NONE -> "open";
            case FULL_CONE -> "full";
            case RESTRICTED_CONE -> "restricted";
            case PORT_RESTRICTED_CONE -> "port";
            case SYMMETRIC -> "sym";
            case UDP_BLOCKED -> "noudp";
        };
        return stem + number;
    }

    /** As {@link #converse}, for two new users with chat programs of their own behind the given lab clients. */
    private static void converseAsNewUsers(String clientA, String clientB, String userA, String userB,
                                           String expectedRoute) throws Exception {
        lab.contacts(userA, userB);
        try (PeerProcess alice = lab.chatPeer(clientA, userA, TIMINGS);
             PeerProcess bob = lab.chatPeer(clientB, userB, TIMINGS)) {
            converse(alice, userA, bob, userB, expectedRoute);
        }
    }

    /**
     * Alice writes to Bob, which starts a direct attempt; both must end up on {@code expectedRoute} ("direct PATH"
     * or "server -"), and then every message either sends arrives once, in order, on that route. The programs may
     * have had other conversations before: only lines about this pair count.
     */
    private static void converse(PeerProcess alice, String userA, PeerProcess bob, String userB, String expectedRoute)
            throws Exception {
        String aliceJid = lab.jid(userA);
        String bobJid = lab.jid(userB);
        online(alice, bob, bobJid);
        List<String> fromAlice = new ArrayList<>();
        List<String> fromBob = new ArrayList<>();

        say(alice, bobJid, "hello " + userB, fromAlice);
        assertThat(alice.await("sent " + bobJid + " ", DELIVERY))
                .isEqualTo("sent " + bobJid + " server hello " + userB);
        assertThat(alice.await("route " + bobJid + " ", SETUP))
                .startsWith("route " + bobJid + " " + expectedRoute + " ");
        assertThat(bob.await("route " + aliceJid + " ", SETUP))
                .startsWith("route " + aliceJid + " " + expectedRoute + " ");

        for (int i = 1; i <= MESSAGES; i++) {
            say(alice, bobJid, userA + " says " + i, fromAlice);
            say(bob, aliceJid, userB + " says " + i, fromBob);
        }
        String route = expectedRoute.split(" ")[0];
        bob.await("message " + aliceJid + " " + route + " " + userA + " says " + MESSAGES, DELIVERY);
        alice.await("message " + bobJid + " " + route + " " + userB + " says " + MESSAGES, DELIVERY);
        // A message can reach the contact before its sender has printed that it went out.
        alice.awaitPrinted(line -> line.startsWith("sent " + bobJid + " ") && line.endsWith(" says " + MESSAGES),
                "last message sent", DELIVERY);
        bob.awaitPrinted(line -> line.startsWith("sent " + aliceJid + " ") && line.endsWith(" says " + MESSAGES),
                "last message sent", DELIVERY);

        assertThat(texts(bob, aliceJid)).as("what %s got, once each, in order", userB)
                .containsExactlyElementsOf(fromAlice);
        assertThat(texts(alice, bobJid)).as("what %s got, once each, in order", userA)
                .containsExactlyElementsOf(fromBob);
        assertOnRoute(alice, bobJid, route, 1);
        assertOnRoute(bob, aliceJid, route, 0);
    }

    /**
     * Every message {@code peer} sent to {@code contact}, and every one it got from there, after the first
     * {@code throughServerFirst} it sent (those started the attempt), went by {@code route}.
     */
    private static void assertOnRoute(PeerProcess peer, String contact, String route, int throughServerFirst) {
        List<String> sent = peer.linesStartingWith("sent " + contact + " ");
        assertThat(sent.subList(throughServerFirst, sent.size())).hasSize(MESSAGES)
                .allSatisfy(line -> assertThat(line).startsWith("sent " + contact + " " + route + " "));
        List<String> received = peer.linesStartingWith("message " + contact + " ");
        assertThat(received.subList(received.size() - MESSAGES, received.size()))
                .allSatisfy(line -> assertThat(line).startsWith("message " + contact + " " + route + " "));
    }

    /** Both logged in, and Alice sees Bob online: her first message can find his resource. */
    private static void online(PeerProcess alice, PeerProcess bob, String bobJid) throws InterruptedException {
        alice.awaitPrinted(line -> line.startsWith("connected "), "login", LOGIN);
        bob.awaitPrinted(line -> line.startsWith("connected "), "login", LOGIN);
        alice.awaitContactOnline(bobJid, LOGIN);
    }

    private static void say(PeerProcess from, String to, String text, List<String> record) {
        from.send("/msg " + to + " " + text);
        record.add(text);
    }

    /** The texts of the messages {@code peer} received from {@code sender}, in the order it showed them. */
    private static List<String> texts(PeerProcess peer, String sender) {
        String prefix = "message " + sender + " ";
        return peer.linesStartingWith(prefix).stream()
                .map(line -> line.substring(prefix.length()))
                .map(rest -> rest.substring(rest.indexOf(' ') + 1))
                .toList();
    }
}
