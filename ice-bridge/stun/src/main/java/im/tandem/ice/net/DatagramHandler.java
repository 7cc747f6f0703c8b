package im.tandem.ice.net;

import java.net.InetSocketAddress;

/** Receives the datagrams that arrive on one {@link DatagramEndpoint}. */
@FunctionalInterface
public interface DatagramHandler {
    /**
     * One datagram: {@code length} bytes of {@code data} from {@code source}. The array may be reused once this
     * returns, so a handler that keeps the bytes must copy them.
     */
    void received(byte[] data, int length, InetSocketAddress source);
}
