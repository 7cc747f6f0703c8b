package im.tandem.ice.stun;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback addresses and free UDP port pairs for tests. Linux routes all of 127.0.0.0/8 to the loopback
 * interface, so 127.0.0.1 and 127.0.0.2 give a two-address STUN server without touching any real network.
 */
public final class LoopbackPorts {
    public static final InetAddress PRIMARY = loopback(1);
    public static final InetAddress ALTERNATE = loopback(2);
    /** Attempts before giving up on finding a port pair free on both addresses. */
    private static final int ATTEMPTS = 50;

    private LoopbackPorts() {
    }

    /** A port P such that P and P+1 are both free for UDP on both loopback addresses (at the time of asking). */
    public static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(PRIMARY, 0))) {
                port = probe.getLocalPort();
            }
            if (port < 0xFFFF && allFree(port)) {
                return port;
            }
        }
        throw new IOException("no free UDP port pair on 127.0.0.1 and 127.0.0.2 after " + ATTEMPTS + " attempts");
    }

    private static boolean allFree(int port) {
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            for (InetAddress address : List.of(PRIMARY, ALTERNATE)) {
                sockets.add(new DatagramSocket(new InetSocketAddress(address, port)));
                sockets.add(new DatagramSocket(new InetSocketAddress(address, port + 1)));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
