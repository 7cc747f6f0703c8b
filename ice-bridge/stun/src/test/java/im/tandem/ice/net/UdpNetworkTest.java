package im.tandem.ice.net;

import im.tandem.ice.stun.LoopbackPorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UdpNetworkTest {
    /** Far below the receiver join timeout, which a self-join would wait out in full. */
    private static final Duration PROMPTLY = Duration.ofMillis(500);
    private static final long WAIT_SECONDS = 5;

    @Test
    void aHandlerMayCloseItsOwnEndpointWithoutWaitingForItself() throws Exception {
        CompletableFuture<DatagramEndpoint> self = new CompletableFuture<>();
        CompletableFuture<Duration> closing = new CompletableFuture<>();
        DatagramEndpoint endpoint = UdpNetwork.SYSTEM.bind(new InetSocketAddress(LoopbackPorts.PRIMARY, 0), "test",
                (data, length, source) -> {
                    long start = System.nanoTime();
                    self.join().close();
                    closing.complete(Duration.ofNanos(System.nanoTime() - start));
                });
        self.complete(endpoint);

        try (DatagramEndpoint sender = UdpNetwork.SYSTEM.bind(new InetSocketAddress(LoopbackPorts.PRIMARY, 0),
                "sender", (data, length, source) -> { })) {
            sender.send(new byte[] {1}, endpoint.localAddress());
            assertThat(closing.get(WAIT_SECONDS, TimeUnit.SECONDS)).isLessThan(PROMPTLY);
        }
    }

    @Test
    void localAddressTowardsALoopbackServerIsLoopback() throws IOException {
        assertThat(UdpNetwork.SYSTEM.localAddressTowards(new InetSocketAddress(LoopbackPorts.PRIMARY, 3478))
                .isLoopbackAddress()).isTrue();
    }
}
