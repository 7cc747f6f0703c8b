package im.tandem.ice.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Socket addresses as the C library takes them ({@code sockaddr_in}, {@code sockaddr_in6}): the family and scope in
 * the machine's byte order, the port in network order.
 */
final class SocketAddressBytes {

    /** {@code sizeof(struct sockaddr_in6)}, the larger of the two. */
    static final int MAX_BYTES = 28;
    private static final int IPV4_BYTES = 16;
    private static final int IPV6_ADDRESS_OFFSET = 8;
    private static final int IPV6_SCOPE_OFFSET = 24;

    private SocketAddressBytes() {
    }

    /** The address for a socket of {@code family}; an IPv4 address for an IPv6 socket becomes its mapped form. */
    static byte[] encode(InetSocketAddress address, int family) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        if (family == LinuxSockets.AF_INET) {
            if (!(ip instanceof Inet4Address)) {
                throw new IllegalArgumentException("an IPv4 socket cannot reach " + address);
            }
            ByteBuffer bytes = header(IPV4_BYTES, family, address.getPort());
            bytes.put(ip.getAddress());
            return bytes.array();
        }
        ByteBuffer bytes = header(MAX_BYTES, family, address.getPort());
        bytes.position(IPV6_ADDRESS_OFFSET);
        if (ip instanceof Inet6Address v6) {
            bytes.put(v6.getAddress());
            bytes.order(ByteOrder.nativeOrder()).putInt(IPV6_SCOPE_OFFSET, v6.getScopeId());
        } else {
            bytes.put(new byte[10]).put((byte) 0xFF).put((byte) 0xFF).put(ip.getAddress());
        }
        return bytes.array();
    }

    static InetSocketAddress decode(byte[] bytes) throws UnknownHostException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int family = in.order(ByteOrder.nativeOrder()).getShort(0);
        int port = in.order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xFFFF;
        if (family == LinuxSockets.AF_INET) {
            byte[] ip = new byte[4];
            in.get(4, ip);
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        }
        byte[] ip = new byte[16];
        in.get(IPV6_ADDRESS_OFFSET, ip);
        int scope = in.order(ByteOrder.nativeOrder()).getInt(IPV6_SCOPE_OFFSET);
        return new InetSocketAddress(scope == 0 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip,
                scope), port);
    }

    private static ByteBuffer header(int size, int family, int port) {
        ByteBuffer bytes = ByteBuffer.allocate(size);
        bytes.order(ByteOrder.nativeOrder()).putShort((short) family);
        bytes.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        return bytes;
    }
}
