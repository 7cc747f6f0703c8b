package im.tandem.ice.net;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** One way to print an address and port everywhere: {@code 192.0.2.1:3478} or {@code [2001:db8::1]:3478}. */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    /** Numeric, never a host name (no reverse lookups), IPv6 in brackets so the port is unambiguous. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address
                ? "[" + host + "]:" + address.getPort()
                : host + ":" + address.getPort();
    }
}
