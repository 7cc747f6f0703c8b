package im.tandem.ice.channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import im.tandem.ice.transport.DatagramTransport;

/**
 * Wraps a transport and, before each datagram it receives, delivers a forged one: random bytes, or random bytes
 * behind a genuine header prefix so they get past a first glance.
 */
final class GarbageInjectingTransport implements DatagramTransport {

    /** Enough of a real datagram to carry its magic number and type. */
    private static final int GENUINE_PREFIX = 5;
    private static final int MAX_GARBAGE = 1400;

    private final DatagramTransport inner;
    private final Random random;

    GarbageInjectingTransport(DatagramTransport inner, long seed) {
        this.inner = inner;
        this.random = new Random(seed);
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        inner.send(datagram);
    }

    @Override
    public void start(Receiver receiver) {
        inner.start((datagram, endOfRead) -> {
            byte[] junk = new byte[1 + random.nextInt(MAX_GARBAGE)];
            random.nextBytes(junk);
            if (random.nextBoolean() && datagram.remaining() >= GENUINE_PREFIX) {
                datagram.duplicate().get(junk, 0, Math.min(GENUINE_PREFIX, junk.length));
            }
            receiver.onDatagram(ByteBuffer.wrap(junk), false);
            receiver.onDatagram(datagram, endOfRead);
        });
    }

    @Override
    public void close() {
        inner.close();
    }
}
