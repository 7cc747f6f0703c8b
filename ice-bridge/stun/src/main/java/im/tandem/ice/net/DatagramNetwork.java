package im.tandem.ice.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where datagram endpoints come from: the machine's UDP stack ({@link UdpNetwork#SYSTEM}) or, in tests, one host
 * of a simulated network.
 */
public interface DatagramNetwork {
    /**
     * Binds an endpoint.
     *
     * @param local   the address to bind; port 0 picks a free one
     * @param purpose a short name for diagnostics, such as a receiver thread's name
     * @param handler gets every datagram received, on whichever thread the network delivers from
     * @throws IOException naming the address, when it cannot be bound
     */
    DatagramEndpoint bind(InetSocketAddress local, String purpose, DatagramHandler handler) throws IOException;

    /** The local address whose route reaches {@code destination}; sends nothing. */
    InetAddress localAddressTowards(InetSocketAddress destination) throws IOException;
}
