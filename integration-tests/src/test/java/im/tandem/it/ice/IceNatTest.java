package im.tandem.it.ice;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.ice.session.CandidateType;
import im.tandem.ice.session.PathType;
import im.tandem.it.lab.CoturnServer;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.PeerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two {@link IcePeer}s behind lab NATs: ICE must pick the path the NATs allow, the channel must carry bytes intact
 * over it, and cutting one peer's uplink must be reported as a lost path.
 */
@Tag("lab")
class IceNatTest {

    private static final int BYTES = 2 * 1024 * 1024;
    /** ICE's own limit is 10 s; the JVM start inside the namespace adds a few. */
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(40);
    private static final Duration TRANSFER_LIMIT = Duration.ofSeconds(60);
    /** Path timeout (10 s) plus a consent poll and slack for a loaded machine. */
    private static final Duration LOSS_LIMIT = Duration.ofSeconds(30);
    private static final int IDLE_SECONDS = 60;
    /** Outlasts the test by far; coturn refuses credentials whose expiry has passed. */
    private static final Duration CREDENTIAL_LIFETIME = Duration.ofHours(1);

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
            connectTransferAndCut(lab, List.of("stun", ServerArguments.hostPort(lab.turnServer().address())),
                    PathType.SRFLX);
        }
    }

    @Test
    void symmetricPeersConnectThroughTheTurnRelay() throws Exception {
        try (NatLab lab = NatLab.builder().turnServer()
                .client("a", NatKind.SYMMETRIC).client("b", NatKind.SYMMETRIC).build()) {
            CoturnServer turn = lab.turnServer();
            CoturnServer.Credential credential =
                    turn.restCredential("icetest", Instant.now().plus(CREDENTIAL_LIFETIME));
            List<String> selected = connectTransferAndCut(lab, List.of("turn",
                    ServerArguments.hostPort(turn.address()), credential.username(), credential.password()),
                    PathType.RELAY);
            // The pair through one allocation (one peer's relay to the other's reflexive address) is valid within
            // the relay's grace and wins over the one through both.
            assertThat(selected.stream().filter(line -> localType(line).equals(CandidateType.RELAY.wireName())))
                    .as("peers whose end of the selected pair is their own relay: %s", selected).hasSize(1);
        }
    }

    /**
     * A port-restricted cone cannot reach a symmetric NAT's per-destination mapping, nor can two symmetric NATs
     * reach each other: with STUN alone ICE finds no path within its limit; through TURN the first pair connects.
     */
    @Test
    void portRestrictedToSymmetricAndSymmetricPairsNeedTurn() throws Exception {
        try (NatLab lab = NatLab.builder().turnServer()
                .client("pr", NatKind.PORT_RESTRICTED_CONE).client("s1", NatKind.SYMMETRIC)
                .client("s2", NatKind.SYMMETRIC).client("s3", NatKind.SYMMETRIC).build()) {
            List<String> stunOnly = List.of("stun", ServerArguments.hostPort(lab.turnServer().address()));
            try (PeerProcess pr = start(lab, "pr", "controlling", stunOnly);
                 PeerProcess s1 = start(lab, "s1", "controlled", stunOnly);
                 PeerProcess s2 = start(lab, "s2", "controlling", stunOnly);
                 PeerProcess s3 = start(lab, "s3", "controlled", stunOnly)) {
                exchange(pr, s1);
                exchange(s2, s3);
                for (PeerProcess peer : List.of(pr, s1, s2, s3)) {
                    assertThat(peer.await("ERROR", CONNECT_LIMIT)).contains("IceFailedException");
                }
            }
            CoturnServer turn = lab.turnServer();
            CoturnServer.Credential credential =
                    turn.restCredential("icetest", Instant.now().plus(CREDENTIAL_LIFETIME));
            List<String> withTurn = List.of("turn", ServerArguments.hostPort(turn.address()),
                    credential.username(), credential.password());
            try (PeerProcess pr = start(lab, "pr", "controlling", withTurn);
                 PeerProcess s1 = start(lab, "s1", "controlled", withTurn)) {
                exchange(pr, s1);
                assertThat(pr.await("SELECTED", CONNECT_LIMIT)).startsWith("SELECTED " + PathType.RELAY + " ");
                assertThat(s1.await("SELECTED", CONNECT_LIMIT)).startsWith("SELECTED " + PathType.RELAY + " ");
            }
        }
    }

    private static void exchange(PeerProcess left, PeerProcess right) throws Exception {
        Signalling.relay(left, right, CONNECT_LIMIT);
        Signalling.relay(right, left, CONNECT_LIMIT);
    }

    /** @return the two peers' {@code SELECTED} lines */
    private static List<String> connectTransferAndCut(NatLab lab, List<String> servers, PathType expected)
            throws Exception {
        try (PeerProcess a = start(lab, "a", "controlling", servers);
             PeerProcess b = start(lab, "b", "controlled", servers)) {
            exchange(a, b);
            String selectedA = a.await("SELECTED", CONNECT_LIMIT);
            String selectedB = b.await("SELECTED", CONNECT_LIMIT);
            assertThat(selectedA).startsWith("SELECTED " + expected + " ");
            assertThat(selectedB).startsWith("SELECTED " + expected + " ");
            String sent = a.await("SENT", TRANSFER_LIMIT).substring("SENT ".length());
            assertThat(b.await("RECEIVED", TRANSFER_LIMIT)).isEqualTo("RECEIVED " + sent + " " + BYTES);
            // Every kind of pair leaves ice4j once the channel is open, a relayed one for our own TURN client.
            assertThat(a.await("OWN_PATH", TRANSFER_LIMIT)).isEqualTo("OWN_PATH true");
            assertThat(b.await("OWN_PATH", TRANSFER_LIMIT)).isEqualTo("OWN_PATH true");
            a.await("IDLE", TRANSFER_LIMIT);
            b.await("IDLE", TRANSFER_LIMIT);
            lab.cutLink("a");
            assertThat(a.await("PATH_LOST", LOSS_LIMIT)).contains("no consent");
            assertThat(b.await("PATH_LOST", LOSS_LIMIT)).contains("no consent");
            // Once the channel is open, a pair whose local end is plain UDP (the peer's relay counts as any other
            // address) is our own socket, and losing consent closes it (RFC 7675 5.1); our own TURN allocation
            // stays with ice4j.
            assertThat(a.await("PATH_RELEASED", LOSS_LIMIT)).isEqualTo(expectedRelease(selectedA));
            assertThat(b.await("PATH_RELEASED", LOSS_LIMIT)).isEqualTo(expectedRelease(selectedB));
            return List.of(selectedA, selectedB);
        }
    }

    /** From {@code SELECTED type local remote}: what the peer reports about its local address once consent is lost. */
    private static String expectedRelease(String selected) {
        return localType(selected).equals(CandidateType.RELAY.wireName()) ? "PATH_RELEASED relayed"
                : "PATH_RELEASED yes";
    }

    private static String localType(String selected) {
        return selected.split(" ")[2];
    }

    private static PeerProcess start(NatLab lab, String client, String role, List<String> servers) {
        List<String> args = new ArrayList<>(List.of(role, Integer.toString(BYTES), "42",
                Integer.toString(IDLE_SECONDS)));
        args.addAll(servers);
        return PeerProcess.start(client, lab.javaCommand(lab.clientNamespace(client), List.of(),
                IcePeer.class.getName(), args), lab.workDirectory().resolve("ice-peer-" + client + ".log"),
                IcePeer::reportsFailure);
    }
}
