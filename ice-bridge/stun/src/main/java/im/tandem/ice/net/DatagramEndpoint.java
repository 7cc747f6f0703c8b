package im.tandem.ice.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A bound, unconnected datagram socket that hands everything it receives to the {@link DatagramHandler} it was
 * bound with. Real ({@link UdpNetwork}) or simulated, so that protocol code runs the same on both.
 */
public interface DatagramEndpoint extends AutoCloseable {
    /** The concrete address and port this endpoint is bound to. */
    InetSocketAddress localAddress();

    /** Sends one datagram; like UDP, success says nothing about arrival. */
    void send(byte[] datagram, InetSocketAddress destination) throws IOException;

    /** Stops receiving and releases the port; safe to call more than once. */
    @Override
    void close();
}
