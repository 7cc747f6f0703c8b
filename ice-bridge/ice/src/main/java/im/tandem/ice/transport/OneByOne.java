package im.tandem.ice.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A batch sent as its datagrams, one send each: where no segmented send is at hand. */
final class OneByOne {

    /** Sends one datagram: the buffer's remaining bytes. */
    @FunctionalInterface
    interface Sender {
        void send(ByteBuffer datagram) throws IOException;
    }

    private OneByOne() {
    }

    /**
     * Sends the datagrams laid end to end in the buffer's remaining bytes, each {@code datagramBytes} long but the
     * last, which may be shorter; the buffer's position and limit stay as they were.
     */
    static void send(ByteBuffer datagrams, int datagramBytes, Sender sender) throws IOException {
        requirePositive(datagramBytes);
        ByteBuffer one = datagrams.duplicate();
        for (int start = datagrams.position(); start < datagrams.limit(); start += datagramBytes) {
            one.limit(Math.min(datagrams.limit(), start + datagramBytes)).position(start);
            sender.send(one);
        }
    }

    static void requirePositive(int datagramBytes) {
        if (datagramBytes <= 0) {
            throw new IllegalArgumentException("datagramBytes must be positive, was " + datagramBytes);
        }
    }
}
