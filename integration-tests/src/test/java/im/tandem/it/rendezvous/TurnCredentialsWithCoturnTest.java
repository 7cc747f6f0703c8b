package im.tandem.it.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.extdisco.ExternalService;
import im.tandem.client.extdisco.ExternalServiceDiscoveryManager;
import im.tandem.it.lab.CoturnServer;
import im.tandem.it.lab.ExecResult;
import im.tandem.it.lab.LabTool;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.openfire.extdisco.TurnCredentials;

/**
 * The credentials the plugin hands out are the ones coturn checks: a client behind a symmetric NAT relays through
 * coturn with them; with a wrong shared secret, or once expired, coturn refuses.
 */
@Tag("server")
@Tag("lab")
class TurnCredentialsWithCoturnTest {
    /** Messages turnutils_uclient relays per direction; a handful proves the allocation works. */
    private static final int RELAYED_MESSAGES = 5;
    private static final String CLIENT = "sym";
    /** What turnutils_uclient says when coturn answers every Allocate with 401 (its verbose mode adds no reason). */
    private static final String ALLOCATION_REFUSED = "Cannot complete Allocation";

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").build());

    private static NatLab lab;

    @BeforeAll
    static void buildLab() {
        lab = NatLab.builder().turnServer().client(CLIENT, NatKind.SYMMETRIC).build();
        CoturnServer turn = lab.turnServer();
        OPENFIRE.server().setProperty("tandem.turn.address",
                turn.address().getAddress().getHostAddress() + ":" + turn.address().getPort());
        OPENFIRE.server().setProperty("tandem.turn.secret", turn.sharedSecret());
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void pluginCredentialsRelayThroughCoturn() throws Exception {
        ExternalService turn = turnServiceForAlice();

        ExecResult relay = relayWith(turn.username().orElseThrow(), turn.password().orElseThrow());

        assertThat(relay.exitCode()).as(relay.output()).isZero();
        assertThat(relay.output())
                .contains("tot_send_msgs=" + 2 * RELAYED_MESSAGES + ", tot_recv_msgs=" + 2 * RELAYED_MESSAGES);
    }

    @Test
    void credentialsMadeWithAnotherSecretAreRefused() throws Exception {
        OPENFIRE.server().setProperty("tandem.turn.secret", "not-the-secret-coturn-knows");
        try {
            ExternalService turn = turnServiceForAlice();
            ExecResult relay = relayWith(turn.username().orElseThrow(), turn.password().orElseThrow());
            assertThat(relay.exitCode()).as(relay.output()).isNotZero();
            assertThat(relay.output()).contains(ALLOCATION_REFUSED);
        } finally {
            OPENFIRE.server().setProperty("tandem.turn.secret", lab.turnServer().sharedSecret());
        }
    }

    @Test
    void expiredCredentialsAreRefused() {
        var expired = TurnCredentials.issue("alice", lab.turnServer().sharedSecret(),
                Instant.now().minus(Duration.ofDays(2)), Duration.ofHours(1));

        ExecResult relay = relayWith(expired.username(), expired.password());

        assertThat(relay.exitCode()).as(relay.output()).isNotZero();
        assertThat(relay.output()).contains(ALLOCATION_REFUSED);
    }

    private static ExternalService turnServiceForAlice() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            return ExternalServiceDiscoveryManager.getInstanceFor(alice.connection()).services().stream()
                    .filter(ExternalService::isTurn).findFirst().orElseThrow();
        }
    }

    /** turnutils_uclient from behind the symmetric NAT: two allocations that send to each other through coturn. */
    private static ExecResult relayWith(String username, String password) {
        CoturnServer turn = lab.turnServer();
        return lab.exec(lab.clientNamespace(CLIENT), LabTool.TURN_CLIENT.path(), "-y", "-c",
                "-n", Integer.toString(RELAYED_MESSAGES), "-u", username, "-w", password,
                "-p", Integer.toString(turn.address().getPort()), turn.address().getAddress().getHostAddress());
    }
}
