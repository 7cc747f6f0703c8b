package im.tandem.ice.nat;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NatDiscoveryResultTest {

    @Test
    void jsonHasEveryFieldWithNullsForAbsentValues() throws Exception {
        NatDiscoveryResult result = new NatDiscoveryResult(
                new InetSocketAddress(InetAddress.getByName("::1"), 3478),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 4000),
                Optional.empty(), MappingBehavior.NO_NAT, FilteringBehavior.UNKNOWN, Optional.empty(),
                Duration.ofMillis(1234), Optional.of("a \"quoted\"\\reason\nwith\u0001control"));

        assertThat(result.toJson()).isEqualTo("{\"server\":\"[0:0:0:0:0:0:0:1]:3478\",\"local\":\"127.0.0.1:4000\","
                + "\"natType\":null,\"mapping\":\"NO_NAT\",\"filtering\":\"UNKNOWN\",\"mappedAddress\":null,"
                + "\"elapsedMillis\":1234,\"reason\":\"a \\\"quoted\\\"\\\\reason\\nwith\\u0001control\"}");
    }
}
