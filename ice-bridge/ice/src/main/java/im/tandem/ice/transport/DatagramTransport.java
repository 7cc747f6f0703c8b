package im.tandem.ice.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An unreliable, unordered datagram path to exactly one peer: a connected UDP socket on loopback in tests, the
 * ICE-selected pair in production. Datagrams may be lost, duplicated, reordered or forged; the channel copes.
 */
public interface DatagramTransport extends Closeable {

    /** Receives each datagram that arrives; called from the transport's own thread, one datagram at a time. */
    @FunctionalInterface
    interface Receiver {
        /**
         * @param datagram  the datagram's bytes, valid only during the call
         * @param endOfRead whether this is the last of the datagrams the transport read at once (always, for a
         *                  transport that reads one at a time): a receiver may hold work back until then, such as
         *                  one acknowledgement for all of them
         */
        void onDatagram(ByteBuffer datagram, boolean endOfRead);
    }

    /**
     * Sends one datagram, from {@code datagram.position()} to its limit. Must not block for long: a full socket
     * buffer is expected to drop, like the network would.
     */
    void send(ByteBuffer datagram) throws IOException;

    /**
     * How many datagrams of {@code datagramBytes} one {@link #sendBatch} takes, in one system call where the
     * transport can; 1 where it cannot.
     */
    default int batchLimit(int datagramBytes) {
        return 1;
    }

    /**
     * Sends datagrams laid end to end in the buffer's remaining bytes, each {@code datagramBytes} long but the last,
     * which may be shorter; at most {@link #batchLimit} of them.
     */
    default void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException {
        OneByOne.send(datagrams, datagramBytes, this::send);
    }

    /** Starts delivering received datagrams to the receiver; called once, before the first send. */
    void start(Receiver receiver);

    /**
     * The channel above has finished its handshake and repairs lost datagrams quickly from now on: a transport may
     * now move to a faster way of reaching the same peer, at the cost of the few datagrams in flight while it
     * moves. Called once, on the thread that opened the channel; must not block.
     */
    default void channelOpened() {
    }

    /** Stops delivering and releases the path. Idempotent. */
    @Override
    void close();
}
