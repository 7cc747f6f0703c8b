package im.tandem.ice.channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import im.tandem.ice.transport.DatagramTransport;

/**
 * Wraps a transport and mistreats what it sends, like a bad network: drops, duplicates and reorders datagrams with
 * the given probabilities, from a seeded random source so a failure can be replayed.
 */
final class LossyTransport implements DatagramTransport {

    private final DatagramTransport inner;
    private final Random random;
    private final double dropRate;
    private final double duplicateRate;
    private final double reorderRate;
    private ByteBuffer held;

    LossyTransport(DatagramTransport inner, long seed, double dropRate, double duplicateRate, double reorderRate) {
        this.inner = inner;
        this.random = new Random(seed);
        this.dropRate = dropRate;
        this.duplicateRate = duplicateRate;
        this.reorderRate = reorderRate;
    }

    @Override
    public synchronized void send(ByteBuffer datagram) throws IOException {
        if (random.nextDouble() < dropRate) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram).flip();
        if (held == null && random.nextDouble() < reorderRate) {
            held = copy; // goes out after the next datagram
            return;
        }
        inner.send(copy.duplicate());
        if (random.nextDouble() < duplicateRate) {
            inner.send(copy.duplicate());
        }
        if (held != null) {
            inner.send(held);
            held = null;
        }
    }

    @Override
    public void start(Receiver receiver) {
        inner.start(receiver);
    }

    @Override
    public void close() {
        inner.close();
    }
}
