package im.tandem.ice.channel;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

import im.tandem.ice.transport.DatagramTransport;

/**
 * Two ends of a lossless in-memory datagram path, each delivering on its own thread as a socket would. What one end
 * sends can be rewritten on the way (tampering) by a function the test sets.
 */
final class MemoryPath {

    final End a = new End("a");
    final End b = new End("b");

    MemoryPath() {
        a.peer = b;
        b.peer = a;
    }

    static final class End implements DatagramTransport {

        /** Tells the delivery thread to stop; never delivered. */
        private static final byte[] STOP = new byte[0];

        private final String name;
        private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
        private volatile UnaryOperator<byte[]> onTheWay = UnaryOperator.identity();
        private volatile boolean closed;
        private End peer;

        private End(String name) {
            this.name = name;
        }

        /** Rewrites what this end sends from now on. */
        void rewrite(UnaryOperator<byte[]> rule) {
            onTheWay = rule;
        }

        @Override
        public void send(ByteBuffer datagram) {
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            if (!closed && !peer.closed) {
                peer.inbound.add(onTheWay.apply(bytes));
            }
        }

        @Override
        public void start(Receiver receiver) {
            Thread thread = new Thread(() -> {
                try {
                    for (byte[] next; (next = inbound.take()) != STOP; ) {
                        receiver.onDatagram(ByteBuffer.wrap(next), true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "memory-path-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            closed = true;
            inbound.add(STOP);
        }
    }
}
