package im.tandem.ice.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SocketAddressBytesTest {

    @Test
    void anIpv4AddressIsSixteenBytesWithThePortInNetworkOrder() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 0x1234);
        byte[] bytes = SocketAddressBytes.encode(address, LinuxSockets.AF_INET);

        assertThat(bytes).hasSize(16);
        assertThat(new byte[] {bytes[2], bytes[3]}).containsExactly(0x12, 0x34);
        assertThat(new byte[] {bytes[4], bytes[5], bytes[6], bytes[7]}).containsExactly(192, 0, 2, 7);
        assertThat(SocketAddressBytes.decode(bytes)).isEqualTo(address);
    }

    @Test
    void anIpv6AddressKeepsItsScope() throws Exception {
        InetSocketAddress scoped = new InetSocketAddress(Inet6Address.getByAddress(null,
                InetAddress.getByName("fe80::1").getAddress(), 3), 5000);
        InetSocketAddress global = new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 5001);

        assertThat(SocketAddressBytes.decode(SocketAddressBytes.encode(scoped, LinuxSockets.AF_INET6)))
                .isEqualTo(scoped);
        assertThat(SocketAddressBytes.decode(SocketAddressBytes.encode(global, LinuxSockets.AF_INET6)))
                .isEqualTo(global);
    }

    @Test
    void anIpv4AddressForAnIpv6SocketIsMapped() throws Exception {
        byte[] bytes = SocketAddressBytes.encode(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 80),
                LinuxSockets.AF_INET6);

        assertThat(bytes).hasSize(SocketAddressBytes.MAX_BYTES);
        // ::ffff:192.0.2.7, which Java reads back as the IPv4 address itself
        assertThat(SocketAddressBytes.decode(bytes).getAddress()).isEqualTo(InetAddress.getByName("192.0.2.7"));
    }

    @Test
    void anIpv6AddressCannotGoToAnIpv4Socket() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 1);
        assertThatThrownBy(() -> SocketAddressBytes.encode(v6, LinuxSockets.AF_INET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv4");
    }
}
