package im.tandem.it.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.PeerProcess;

/**
 * Two chat programs behind lab NATs, their server a real Openfire with the plugin on a lab host: a conversation goes
 * direct exactly when the NATs allow it (over host, server-reflexive or TURN-relayed candidates) and stays with the
 * server otherwise; either way every message arrives once and in order. Cutting the direct path moves the
 * conversation to the server without losing or repeating a message, and a new direct session forms once the path is
 * back. A standard client without Jingle (slixmpp) just gets ordinary messages. One lab and one server serve the
 * whole class.
 */
class DirectChatLabTest {
    /** Shortened so the class runs in reasonable time: the product defaults are 3 s, 15 s and 10 s. */
    private static final String[] TIMINGS = {PeerArguments.ACK_TIMEOUT_MS, "2000", PeerArguments.RETRY_MS, "2000",
            PeerArguments.ICE_TIMEOUT_MS, "6000"};
    /** A JVM starting inside a namespace and logging in, on a loaded two-core machine. */
    private static final Duration LOGIN = Duration.ofSeconds(60);
    /** Gathering, signalling, ICE (6 s limit above) and the channel handshake, with room for a slow machine. */
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

    private static DirectLab lab;

    @BeforeAll
    static void startLab() {
        Map<String, NatKind> clients = new LinkedHashMap<>();
        clients.put("open1", NatKind.NONE);
        clients.put("open2", NatKind.NONE);
        clients.put("full", NatKind.FULL_CONE);
        clients.put("port", NatKind.PORT_RESTRICTED_CONE);
        clients.put("sym1", NatKind.SYMMETRIC);
        clients.put("sym2", NatKind.SYMMETRIC);
        lab = DirectLab.start(clients);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void publicHostsChatDirectlyOverHostCandidates() throws Exception {
        lab.withdrawTurn();
        converse("open1", "open2", "hosta", "hostb", "direct host");
    }

    @Test
    void fullConeAndPortRestrictedConeChatDirectlyServerReflexively() throws Exception {
        lab.withdrawTurn();
        converse("full", "port", "fulla", "portb", "direct srflx");
    }

    @Test
    void portRestrictedConeAndSymmetricWithoutTurnStayWithTheServer() throws Exception {
        lab.withdrawTurn();
        converse("port", "sym1", "porta", "symb", "server -");
    }

    @Test
    void symmetricNatsChatDirectlyThroughTheTurnRelayTheServerOffers() throws Exception {
        lab.offerTurn();
        try {
            converse("sym1", "sym2", "syma", "symc", "direct relay");
        } finally {
            lab.withdrawTurn();
        }
    }

    /** Credentials made with a secret coturn does not share are refused: the chat stays with the server, whole. */
    @Test
    void symmetricNatsWhoseTurnCredentialsCoturnRefusesStayWithTheServer() throws Exception {
        lab.offerTurnWithSecret("not-the-secret-coturn-knows");
        try {
            converse("sym1", "sym2", "symw", "symx", "server -");
        } finally {
            lab.withdrawTurn();
        }
    }

    @Test
    void cuttingTheDirectPathMovesTheConversationToTheServerAndItComesBackDirect() throws Exception {
        lab.withdrawTurn();
        lab.contacts("cuta", "cutb");
        String aliceJid = lab.jid("cuta");
        String bobJid = lab.jid("cutb");
        List<String> sentByAlice = new ArrayList<>();
        try (PeerProcess alice = lab.chatPeer("open1", "cuta", TIMINGS);
             PeerProcess bob = lab.chatPeer("open2", "cutb", TIMINGS)) {
            online(alice, bob, bobJid);

            say(alice, bobJid, "before the cut 1", sentByAlice);
            alice.await("route " + bobJid + " direct host", SETUP);
            bob.await("route " + aliceJid + " direct host", SETUP);
            for (int i = 2; i <= 3; i++) {
                say(alice, bobJid, "before the cut " + i, sentByAlice);
                assertThat(alice.await("sent ", DELIVERY)).startsWith("sent " + bobJid + " direct ");
            }
            bob.await("message " + aliceJid + " direct before the cut 3", DELIVERY);

            lab.lab().cutUdp("open1");
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

            lab.lab().restoreLink("open1");
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
        try (PeerProcess tandy = lab.chatPeer("full", "tandy", TIMINGS)) {
            tandy.await("connected ", LOGIN);
            try (PeerProcess sam = lab.program("port", "sam", SYSTEM_PYTHON.toString(), script.toString(),
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

    /**
     * Alice (behind {@code clientA}) writes to Bob (behind {@code clientB}), which starts a direct attempt; both
     * must end up on {@code expectedRoute} ("direct PATH" or "server -"), and then every message either sends
     * arrives once, in order, on that route.
     */
    private static void converse(String clientA, String clientB, String userA, String userB, String expectedRoute)
            throws Exception {
        lab.contacts(userA, userB);
        String aliceJid = lab.jid(userA);
        String bobJid = lab.jid(userB);
        try (PeerProcess alice = lab.chatPeer(clientA, userA, TIMINGS);
             PeerProcess bob = lab.chatPeer(clientB, userB, TIMINGS)) {
            online(alice, bob, bobJid);
            List<String> fromAlice = new ArrayList<>();
            List<String> fromBob = new ArrayList<>();

            say(alice, bobJid, "hello " + userB, fromAlice);
            assertThat(alice.await("sent ", DELIVERY)).isEqualTo("sent " + bobJid + " server hello " + userB);
            assertThat(alice.await("route " + bobJid, SETUP)).startsWith("route " + bobJid + " " + expectedRoute + " ");
            assertThat(bob.await("route " + aliceJid, SETUP))
                    .startsWith("route " + aliceJid + " " + expectedRoute + " ");

            String route = expectedRoute.split(" ")[0];
            for (int i = 1; i <= MESSAGES; i++) {
                say(alice, bobJid, userA + " says " + i, fromAlice);
                say(bob, aliceJid, userB + " says " + i, fromBob);
            }
            bob.await("message " + aliceJid + " " + route + " " + userA + " says " + MESSAGES, DELIVERY);
            alice.await("message " + bobJid + " " + route + " " + userB + " says " + MESSAGES, DELIVERY);

            assertThat(texts(bob, aliceJid)).containsExactlyElementsOf(fromAlice);
            assertThat(texts(alice, bobJid)).containsExactlyElementsOf(fromBob);
            assertThat(alice.linesStartingWith("sent ").subList(1, MESSAGES + 1))
                    .allSatisfy(line -> assertThat(line).startsWith("sent " + bobJid + " " + route + " "));
            assertThat(bob.linesStartingWith("message ").subList(1, MESSAGES + 1))
                    .allSatisfy(line -> assertThat(line).startsWith("message " + aliceJid + " " + route + " "));
        }
    }

    /** Both logged in, and Alice sees Bob online: her first message can find his resource. */
    private static void online(PeerProcess alice, PeerProcess bob, String bobJid) throws InterruptedException {
        alice.await("connected ", LOGIN);
        bob.await("connected ", LOGIN);
        alice.await(line -> line.startsWith("contact " + bobJid + " available") || line.equals("online " + bobJid),
                bobJid + " online", LOGIN);
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
