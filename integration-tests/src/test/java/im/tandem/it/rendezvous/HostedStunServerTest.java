package im.tandem.it.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.extdisco.ExternalService;
import im.tandem.client.extdisco.ExternalServiceDiscoveryManager;
import im.tandem.ice.nat.FilteringBehavior;
import im.tandem.ice.nat.NatDiscovery;
import im.tandem.ice.nat.NatDiscoveryResult;
import im.tandem.ice.nat.NatType;
import im.tandem.ice.stun.LoopbackPorts;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The STUN server the plugin hosts, on two loopback addresses: NAT discovery gets full answers from it, clients
 * learn of it through XEP-0215, and it follows its settings while Openfire runs.
 */
@Tag("server")
class HostedStunServerTest {
    private static final int PORT = freePortPair();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw")
            .property("tandem.stun.enabled", "true")
            .property("tandem.stun.primary", "127.0.0.1:" + PORT)
            .property("tandem.stun.alternate", "127.0.0.2")
            .build());

    private static InetSocketAddress primary;

    @BeforeAll
    static void address() {
        primary = new InetSocketAddress(LoopbackPorts.PRIMARY, PORT);
    }

    @Test
    void discoveryAgainstTheHostedServerDeterminesEverything() throws Exception {
        NatDiscoveryResult result = new NatDiscovery(primary, LoopbackPorts.PRIMARY).discover();

        assertThat(result.reason()).as(result.toJson()).isEmpty();
        assertThat(result.natType()).contains(NatType.OPEN_INTERNET);
        assertThat(result.filtering()).isEqualTo(FilteringBehavior.ENDPOINT_INDEPENDENT);
        assertThat(result.mappedAddress()).contains(result.local());
    }

    @Test
    void clientsAreToldAboutTheHostedServer() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            List<ExternalService> services = ExternalServiceDiscoveryManager.getInstanceFor(alice.connection()).services();
            assertThat(services).singleElement().satisfies(stun -> {
                assertThat(stun.isStun()).isTrue();
                assertThat(stun.host()).isEqualTo("127.0.0.1");
                assertThat(stun.port()).isEqualTo(PORT);
            });
        }
    }

    @Test
    void withOneAddressOnlyTheMappingIsKnownAndTurningItOffSilencesIt() throws Exception {
        OPENFIRE.server().deleteProperty("tandem.stun.alternate");
        try {
            NatDiscoveryResult single = new NatDiscovery(primary, LoopbackPorts.PRIMARY).discover();
            assertThat(single.mappedAddress()).contains(single.local());
            assertThat(single.reason()).as(single.toJson()).isPresent();

            OPENFIRE.server().setProperty("tandem.stun.enabled", "false");
            NatDiscoveryResult off = new NatDiscovery(primary, LoopbackPorts.PRIMARY).discover();
            assertThat(off.natType()).as(off.toJson()).contains(NatType.UDP_BLOCKED);
            assertThat(off.elapsed()).isLessThan(Duration.ofSeconds(5));
        } finally {
            OPENFIRE.server().setProperty("tandem.stun.enabled", "true");
            OPENFIRE.server().setProperty("tandem.stun.alternate", "127.0.0.2");
        }
    }

    private static int freePortPair() {
        try {
            return LoopbackPorts.freePortPair();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
