package im.tandem.it.ice;

import static org.assertj.core.api.Assertions.assertThatCode;

import im.tandem.ice.session.PathType;
import im.tandem.it.lab.CoturnServer;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Closing an ICE session returns even while datagrams are crossing a TURN relay. ice4j's own close can deadlock
 * there (IceSession works around it); two peers behind symmetric NATs send back to back over each relayed path
 * while it is closed, session after session.
 */
@Tag("lab")
class IceSessionCloseTest {

    /** Without the workaround, a close deadlocked within the first three such sessions. */
    private static final int SESSIONS = 10;
    /** Each step (a JVM's first gathering, ICE's 10 s at most, a close) with room for a loaded machine. */
    private static final Duration STEP_LIMIT = Duration.ofSeconds(30);
    /** Outlasts the test by far; coturn refuses credentials whose expiry has passed. */
    private static final Duration CREDENTIAL_LIFETIME = Duration.ofHours(1);

    @Test
    void busyRelayedSessionsCloseEveryTime() throws Exception {
        try (NatLab lab = NatLab.builder().turnServer()
                .client("a", NatKind.SYMMETRIC).client("b", NatKind.SYMMETRIC).build()) {
            CoturnServer turn = lab.turnServer();
            CoturnServer.Credential credential =
                    turn.restCredential("closetest", Instant.now().plus(CREDENTIAL_LIFETIME));
            List<String> servers = List.of("turn", ServerArguments.hostPort(turn.address()), credential.username(),
                    credential.password());
            try (RepeatingIcePair peers = RepeatingIcePair.start(lab, "a", "b", true, servers)) {
                for (int session = 1; session <= SESSIONS; session++) {
                    assertThatCode(() -> peers.session(PathType.RELAY, STEP_LIMIT)).as("session " + session)
                            .doesNotThrowAnyException();
                }
            }
        }
    }
}
