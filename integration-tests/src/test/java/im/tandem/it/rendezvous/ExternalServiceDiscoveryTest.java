package im.tandem.it.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.extdisco.ExternalService;
import im.tandem.client.extdisco.ExternalServiceDiscoveryManager;
import im.tandem.it.net.LoopbackServers;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/** XEP-0215 through the real server: local users learn the STUN and TURN services; strangers learn nothing. */
@Tag("server")
@Tag("external")
class ExternalServiceDiscoveryTest {
    private static final String SECRET = "shared-with-coturn";
    /** Debian's interpreter, where python3-slixmpp installs; not whatever python3 is first on the PATH. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    private static final String COMPONENT_SECRET = "component-secret";
    private static final int COMPONENT_PORT = LoopbackServers.freePort();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw")
            .property("tandem.stun.advertised", "127.0.0.1:3478")
            .property("tandem.turn.address", "127.0.0.1:3479")
            .property("tandem.turn.secret", SECRET)
            .property("tandem.turn.credential-lifetime", "3600")
            // Anonymous logins and an external component exist only so that this test can show they get nothing.
            .property("xmpp.auth.anonymous", "true")
            .property("xmpp.component.socket.active", "true")
            .property("xmpp.component.socket.port", Integer.toString(COMPONENT_PORT))
            .property("xmpp.component.defaultSecret", COMPONENT_SECRET)
            .property("xmpp.component.permission", "all")
            .build());

    @Test
    void aLocalUserGetsStunAndTurnWithCredentialsTheTurnServerWillAccept() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            ExternalServiceDiscoveryManager extdisco = ExternalServiceDiscoveryManager.getInstanceFor(alice.connection());
            assertThat(extdisco.isSupported()).isTrue();
            Instant asked = Instant.now();

            List<ExternalService> services = extdisco.services();

            assertThat(services).extracting(ExternalService::type).containsExactly("stun", "turn");
            ExternalService stun = services.get(0);
            assertThat(stun.host()).isEqualTo("127.0.0.1");
            assertThat(stun.port()).isEqualTo(3478);
            assertThat(stun.username()).isEmpty();

            ExternalService turn = services.get(1);
            assertThat(turn.port()).isEqualTo(3479);
            assertThat(turn.transport()).isEqualTo("udp");
            String username = turn.username().orElseThrow();
            assertThat(username).endsWith(":alice");
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertThat(Instant.ofEpochSecond(expiry)).isBetween(asked.plus(Duration.ofMinutes(59)),
                    asked.plus(Duration.ofMinutes(61)));
            assertThat(turn.expires()).contains(Instant.ofEpochSecond(expiry));
            assertThat(turn.password()).contains(hmacSha1Base64(SECRET, username));
        }
    }

    @Test
    void anAnonymousUserIsForbidden() throws Exception {
        XMPPTCPConnection anonymous = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(OPENFIRE.server().domain())
                .setHost(OPENFIRE.server().host())
                .setPort(OPENFIRE.server().clientPort())
                .setSecurityMode(org.jivesoftware.smack.ConnectionConfiguration.SecurityMode.disabled)
                .performSaslAnonymousAuthentication()
                .build());
        try {
            anonymous.connect().login();
            assertThatThrownBy(() -> ExternalServiceDiscoveryManager.getInstanceFor(anonymous).services())
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, error ->
                            assertThat(error.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        } finally {
            anonymous.disconnect();
        }
    }

    /**
     * An entity that is not a local user (an external component, XEP-0114, run by slixmpp) gets an error and no
     * service. (Openfire 4.2.0 answers a component's request itself, with feature-not-implemented, before the
     * plugin's handler would refuse it with forbidden.)
     */
    @Test
    void anEntityThatIsNoLocalUserGetsNoServices() throws Exception {
        Path script = Path.of(ExternalServiceDiscoveryTest.class.getResource("/slixmpp/component_probe.py").toURI());
        Process probe = new ProcessBuilder(SYSTEM_PYTHON.toString(), script.toString(),
                "--jid", "probe." + OPENFIRE.server().domain(), "--secret", COMPONENT_SECRET,
                "--host", OPENFIRE.server().host(), "--port", Integer.toString(COMPONENT_PORT),
                "--server", OPENFIRE.server().domain()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).as(output).containsPattern("RESULT error (forbidden|feature-not-implemented)")
                .doesNotContain("RESULT result");
    }

    private static String hmacSha1Base64(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
