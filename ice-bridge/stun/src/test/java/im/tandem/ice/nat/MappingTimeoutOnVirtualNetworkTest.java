package im.tandem.ice.nat;

import im.tandem.ice.stun.ChangeRequest;
import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerConfig;
import im.tandem.ice.vnet.NatBehaviour;
import im.tandem.ice.vnet.VirtualClock;
import im.tandem.ice.vnet.VirtualHost;
import im.tandem.ice.vnet.VirtualNetwork;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server-reflexive address is only as good as the NAT mapping behind it: Binding requests from one
 * {@link ProbeSocket} see the same mapping while they come more often than the NAT's timeout, and a new one
 * after a longer silence. Minutes of NAT time pass in microseconds on the manual clock.
 */
class MappingTimeoutOnVirtualNetworkTest {
    private static final Duration MAPPING_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JUST_UNDER = MAPPING_TIMEOUT.minusSeconds(1);
    private static final int STUN_PORT = 3478;
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(5);

    private final VirtualClock clock = new VirtualClock();
    private final VirtualNetwork internet = new VirtualNetwork(clock);

    @Test
    void aMappingLivesWhileUsedAndIsReplacedAfterTheTimeout() throws IOException {
        VirtualHost stunHost = internet.addHost("198.18.0.10");
        new StunServer(StunServerConfig.builder().primaryAddress(stunHost.address()).primaryPort(STUN_PORT).build(),
                stunHost, clock::nanoTime).start();
        InetSocketAddress stun = new InetSocketAddress(stunHost.address(), STUN_PORT);
        VirtualHost client = internet.addNat("198.18.1.1",
                NatBehaviour.PORT_RESTRICTED_CONE.withMappingTimeout(MAPPING_TIMEOUT)).addHost("10.0.0.2");

        try (ProbeSocket socket = new ProbeSocket(client, new InetSocketAddress(client.address(), 0), clock, "test")) {
            InetSocketAddress first = mappedAddress(socket, stun);
            clock.advance(JUST_UNDER);
            assertThat(mappedAddress(socket, stun)).as("refreshed before the timeout").isEqualTo(first);
            clock.advance(JUST_UNDER);
            assertThat(mappedAddress(socket, stun)).as("the previous request refreshed it again").isEqualTo(first);

            clock.advance(MAPPING_TIMEOUT);
            InetSocketAddress after = mappedAddress(socket, stun);

            assertThat(after.getAddress()).isEqualTo(first.getAddress());
            assertThat(after.getPort()).as("a new mapping after the timeout").isNotEqualTo(first.getPort());
        }
    }

    private InetSocketAddress mappedAddress(ProbeSocket socket, InetSocketAddress stun) {
        CompletableFuture<ProbeResult> probe =
                socket.probe(stun, ChangeRequest.NONE, stun, RetransmissionSchedule.FOLLOW_UP);
        clock.runUntil(probe::isDone, PROBE_LIMIT);
        return probe.join().mapped().orElseThrow(() -> new AssertionError("no answer: " + probe.join()));
    }
}
