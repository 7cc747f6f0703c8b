package im.tandem.it.ice;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.ice.session.PathType;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Two {@link IcePeer}s behind lab NATs: ICE must pick the path the NATs allow, the channel must carry bytes intact
 * over it, and cutting one peer's uplink must be reported as a lost path.
 */
class IceNatTest {

    private static final int BYTES = 2 * 1024 * 1024;
    /** ICE's own limit is 10 s; the JVM start inside the namespace adds a few. */
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(40);
    private static final Duration TRANSFER_LIMIT = Duration.ofSeconds(60);
    /** Path timeout (10 s) plus a consent poll and slack for a loaded machine. */
    private static final Duration LOSS_LIMIT = Duration.ofSeconds(30);
    private static final int IDLE_SECONDS = 60;

    @Test
    void publicPeersConnectDirectlyOverHostCandidates() throws Exception {
        try (NatLab lab = NatLab.builder().client("a", NatKind.NONE).client("b", NatKind.NONE).build()) {
            connectTransferAndCut(lab, List.of(), PathType.HOST);
        }
    }

    /**
     * coturn serves as the STUN server: ice4j's harvester got no server-reflexive candidate from the lab's
     * classic RFC 3489 stund, while coturn answers RFC 5389 binding requests (no TURN credentials are given here).
     */
    @Test
    void portRestrictedConePeersConnectServerReflexively() throws Exception {
        try (NatLab lab = NatLab.builder().turnServer()
                .client("a", NatKind.PORT_RESTRICTED_CONE).client("b", NatKind.PORT_RESTRICTED_CONE).build()) {
            connectTransferAndCut(lab, List.of("stun", hostPort(lab.turnServer().address())), PathType.SRFLX);
        }
    }

    @Test
    void symmetricPeersConnectThroughTheTurnRelay() throws Exception {
        try (NatLab lab = NatLab.builder().turnServer()
                .client("a", NatKind.SYMMETRIC).client("b", NatKind.SYMMETRIC).build()) {
            var turn = lab.turnServer();
            String username = Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + ":icetest";
            connectTransferAndCut(lab, List.of("turn", hostPort(turn.address()), username,
                    restPassword(turn.sharedSecret(), username)),
                    PathType.RELAY);
        }
    }

    private static void connectTransferAndCut(NatLab lab, List<String> servers, PathType expected)
            throws Exception {
        try (PeerProcess a = start(lab, "a", "controlling", servers);
             PeerProcess b = start(lab, "b", "controlled", servers)) {
            relaySignalling(a, b);
            relaySignalling(b, a);
            assertThat(a.await("SELECTED", CONNECT_LIMIT)).startsWith("SELECTED " + expected + " ");
            assertThat(b.await("SELECTED", CONNECT_LIMIT)).startsWith("SELECTED " + expected + " ");
            String sent = a.await("SENT", TRANSFER_LIMIT).substring("SENT ".length());
            assertThat(b.await("RECEIVED", TRANSFER_LIMIT)).isEqualTo("RECEIVED " + sent + " " + BYTES);
            a.await("IDLE", TRANSFER_LIMIT);
            b.await("IDLE", TRANSFER_LIMIT);
            lab.cutLink("a");
            assertThat(a.await("PATH_LOST", LOSS_LIMIT)).contains("no consent");
            assertThat(b.await("PATH_LOST", LOSS_LIMIT)).contains("no consent");
        }
    }

    private static PeerProcess start(NatLab lab, String client, String role, List<String> servers)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(role, Integer.toString(BYTES), "42",
                Integer.toString(IDLE_SECONDS)));
        args.addAll(servers);
        return new PeerProcess(client, lab.javaCommand(lab.clientNamespace(client), List.of(),
                IcePeer.class.getName(), args), lab.workDirectory().resolve("ice-peer-" + client + ".log"));
    }

    /** Copies one peer's description (up to END) to the other, as the XMPP server would carry it. */
    private static void relaySignalling(PeerProcess from, PeerProcess to) throws Exception {
        String line;
        do {
            line = from.await("", CONNECT_LIMIT);
            to.send(line);
        } while (!line.equals(SignalLine.END));
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** TURN REST API credentials (draft-uberti-behave-turn-rest): base64(HMAC-SHA1(secret, username)). */
    private static String restPassword(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
