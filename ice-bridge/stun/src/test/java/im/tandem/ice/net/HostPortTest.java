package im.tandem.ice.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortTest {

    @Test
    void parsesHostsWithAndWithoutPorts() throws Exception {
        assertThat(HostPort.parse("--stun", "127.0.0.1:5000").socketAddress("--stun", 3478))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000));
        assertThat(HostPort.parse("--stun", "127.0.0.1").socketAddress("--stun", 3478).getPort()).isEqualTo(3478);
        assertThat(HostPort.parse("--stun", "[::1]:5000").socketAddress("--stun", 3478))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 5000));
        assertThat(HostPort.parse("--stun", "[::1]").port()).isEmpty();
        assertThat(HostPort.parse("--bind", "::1").literalAddress("--bind")).isEqualTo(InetAddress.getByName("::1"));
        assertThat(HostPort.parse("--bind", "::ffff:127.0.0.1").literalAddress("--bind"))
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void literalAddressRefusesHostNamesWithoutLookingThemUp() {
        assertThatThrownBy(() -> HostPort.parse("--bind", "localhost").literalAddress("--bind"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--bind: expected an IP address, got \"localhost\"");
        assertThatThrownBy(() -> HostPort.parse("--bind", "999.1.1.1").literalAddress("--bind"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--bind: expected an IP address, got \"999.1.1.1\"");
        assertThatThrownBy(() -> HostPort.parse("--bind", "1::2::3").literalAddress("--bind"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--bind: not a valid IP address: 1::2::3");
    }

    @Test
    void errorsNameTheOption() {
        assertThatThrownBy(() -> HostPort.parse("--stun", "127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--stun: port must be a number from 1 to 65535, got \"0\"");
        assertThatThrownBy(() -> HostPort.parse("--stun", "127.0.0.1:x")).hasMessageContaining("--stun: port");
        assertThatThrownBy(() -> HostPort.parse("--primary", ":3478")).hasMessageContaining("--primary: missing host");
        assertThatThrownBy(() -> HostPort.parse("--primary", "[::1")).hasMessageContaining("--primary: bad bracketed");
        assertThatThrownBy(() -> HostPort.parse("--primary", "[::1]x")).hasMessageContaining("--primary: bad bracketed");
    }
}
