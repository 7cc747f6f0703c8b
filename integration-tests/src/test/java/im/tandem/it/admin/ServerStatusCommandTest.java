package im.tandem.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.FormField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.ice.nat.NatDiscovery;
import im.tandem.ice.stun.LoopbackPorts;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The admin console's STUN counters and settings, offered as an admin ad-hoc command (XEP-0050) that the tests
 * can drive: an admin gets them with secrets masked; anyone else is refused.
 */
@Tag("server")
class ServerStatusCommandTest {
    private static final String NODE = "https://tandem.im/ns/admin#server-status";
    private static final int STUN_PORT = freePort();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("boss", "boss-pw").user("alice", "alice-pw")
            .property("admin.authorizedJIDs", "boss@localhost")
            .property("tandem.stun.enabled", "true")
            .property("tandem.stun.primary", "127.0.0.1:" + STUN_PORT)
            .property("tandem.turn.address", "127.0.0.1:3479")
            .property("tandem.turn.secret", "do-not-show-me")
            .build());

    @Test
    void anAdminSeesStunCountersAndSettingsWithSecretsMasked() throws Exception {
        new NatDiscovery(new InetSocketAddress(LoopbackPorts.PRIMARY, STUN_PORT), LoopbackPorts.PRIMARY).discover();

        try (TandemClient boss = OPENFIRE.login("boss")) {
            Map<String, String> status = run(boss);

            assertThat(status.get("stun_running")).isEqualTo("true");
            assertThat(Long.parseLong(status.get("stun_requests"))).isPositive();
            assertThat(status.get("stun_answered")).isEqualTo(status.get("stun_requests"));
            assertThat(status.get("tandem.turn.address")).isEqualTo("127.0.0.1:3479");
            assertThat(status.get("tandem.turn.secret")).isEqualTo("********");
            assertThat(status.values()).noneMatch(value -> value.contains("do-not-show-me"));
        }
    }

    @Test
    void aUserWhoIsNoAdminIsRefused() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            assertThatThrownBy(() -> run(alice)).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                    error -> assertThat(error.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        }
    }

    private static Map<String, String> run(TandemClient client) throws Exception {
        RemoteCommand command = AdHocCommandManager.getAddHocCommandsManager(client.connection())
                .getRemoteCommand(client.connection().getXMPPServiceDomain(), NODE);
        command.execute();
        Map<String, String> fields = new LinkedHashMap<>();
        for (FormField field : command.getForm().getFields()) {
            fields.put(field.getFieldName(), field.getFirstValue());
        }
        return fields;
    }

    private static int freePort() {
        try {
            return LoopbackPorts.freePortPair();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
