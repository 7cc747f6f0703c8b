package im.tandem.client.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.junit.jupiter.api.Test;

/** When the client may connect without TLS: only towards this machine, decided from the text of the host. */
class ClientConfigTest {
    private static final InetAddress LOOPBACK = literal("127.0.0.1");
    private static final InetAddress LOOPBACK_V6 = literal("::1");
    private static final InetAddress ELSEWHERE = literal("192.0.2.10");
    /** For hosts whose text decides alone: any lookup is a failure. */
    private static final ClientConfig.Resolver NO_LOOKUP = host -> {
        throw new AssertionError("looked up " + host);
    };

    @Test
    void aNameThatResolvesToLoopbackStillRequiresTls() {
        ClientConfig.Resolver hostsFile = host -> new InetAddress[] {LOOPBACK};

        assertThat(ClientConfig.defaultSecurityFor("chat.example.org", hostsFile)).isEqualTo(SecurityMode.required);
        assertThat(ClientConfig.defaultSecurityFor("localhost.example.org", hostsFile))
                .isEqualTo(SecurityMode.required);
    }

    @Test
    void literalLoopbackAddressesGoWithoutTlsAndWithoutALookup() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "127.255.1.9", "::1", "0:0:0:0:0:0:0:1"}) {
            assertThat(ClientConfig.defaultSecurityFor(host, NO_LOOKUP)).as(host).isEqualTo(SecurityMode.disabled);
        }
    }

    @Test
    void otherAddressesRequireTls() {
        for (String host : new String[] {"192.0.2.10", "10.0.0.1", "::2", "fe80::1", "128.0.0.1"}) {
            assertThat(ClientConfig.defaultSecurityFor(host, NO_LOOKUP)).as(host).isEqualTo(SecurityMode.required);
        }
    }

    @Test
    void localhostGoesWithoutTlsOnlyWhileItResolvesToLoopbackOnly() {
        assertThat(ClientConfig.defaultSecurityFor("localhost", host -> new InetAddress[] {LOOPBACK, LOOPBACK_V6}))
                .isEqualTo(SecurityMode.disabled);
        assertThat(ClientConfig.defaultSecurityFor("LocalHost", host -> new InetAddress[] {LOOPBACK}))
                .isEqualTo(SecurityMode.disabled);
        assertThat(ClientConfig.defaultSecurityFor("localhost", host -> new InetAddress[] {LOOPBACK, ELSEWHERE}))
                .as("a hosts file pointing localhost elsewhere").isEqualTo(SecurityMode.required);
        assertThat(ClientConfig.defaultSecurityFor("localhost", host -> {
            throw new UnknownHostException(host);
        })).isEqualTo(SecurityMode.required);
    }

    @Test
    void theServersHostDecidesUnlessTheSecurityModeIsGiven() {
        assertThat(ClientConfig.forAccount("alice@example.org", "pw").build().securityMode())
                .isEqualTo(SecurityMode.required);
        assertThat(ClientConfig.forAccount("alice@example.org", "pw").server("127.0.0.1", 5222).build()
                .securityMode()).isEqualTo(SecurityMode.disabled);
        assertThat(ClientConfig.forAccount("alice@example.org", "pw").server("192.0.2.10", 5222)
                .securityMode(SecurityMode.disabled).build().securityMode()).isEqualTo(SecurityMode.disabled);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
