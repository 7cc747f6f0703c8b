package im.tandem.ice.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** The machine's own UDP stack: each endpoint is a {@link DatagramSocket} with a receiver thread. */
public final class UdpNetwork implements DatagramNetwork {
    /** Stateless, so one instance serves everyone. */
    public static final UdpNetwork SYSTEM = new UdpNetwork();

    private UdpNetwork() {
    }

    @Override
    public DatagramEndpoint bind(InetSocketAddress local, String purpose, DatagramHandler handler)
            throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.bind(local);
        } catch (SocketException e) {
            socket.close();
            throw new IOException("cannot bind " + purpose + " socket " + SocketAddresses.format(local) + ": "
                    + e.getMessage(), e);
        }
        return new UdpEndpoint(socket, purpose, handler);
    }

    /** Asks the routing table: connecting a UDP socket picks the source address and sends nothing. */
    @Override
    public InetAddress localAddressTowards(InetSocketAddress destination) throws IOException {
        try (DatagramSocket routeProbe = new DatagramSocket()) {
            routeProbe.connect(destination);
            InetAddress local = routeProbe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new IOException("no local address routes to " + destination);
            }
            return local;
        }
    }
}
