package im.tandem.ice.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The socket under a {@link UdpTransport}: Java's own, or one with Linux's segmentation offloads. */
interface UdpSocket {

    /** Where the socket was bound (the port the system chose, if 0 was asked for). */
    InetSocketAddress localAddress();

    void connect(InetSocketAddress peer) throws IOException;

    boolean isConnected();

    /** How many datagrams of {@code datagramBytes} one {@link #sendBatch} takes (1: no batches). */
    int batchLimit(int datagramBytes);

    void send(ByteBuffer datagram) throws IOException;

    /** Sends the datagrams laid end to end in the buffer's remaining bytes, each {@code datagramBytes} but the last. */
    void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException;

    /**
     * Blocks for the next read from the peer: one datagram, or consecutive datagrams of one size (the last may be
     * shorter), laid end to end in {@code buffer}.
     *
     * @param datagramBytes set to the size of each datagram read
     * @return the bytes read, or -1 once the socket is closed
     */
    int receive(byte[] buffer, int[] datagramBytes) throws IOException;

    /** Idempotent; a blocked {@link #receive} returns -1. */
    void close();
}
