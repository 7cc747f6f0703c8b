package im.tandem.client.direct;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import im.tandem.ice.transport.DatagramTransport;

/**
 * An in-memory datagram path between two ends, each delivering on a thread of its own as a socket would, so that
 * the real encrypted channel can run under a link without ICE or sockets. The path can be cut: from then on it
 * carries nothing either way, as when a NAT binding is lost.
 */
final class MemoryDatagrams {
    final End alice = new End("alice");
    final End bob = new End("bob");
    private volatile boolean cut;

    MemoryDatagrams() {
        alice.other = bob;
        bob.other = alice;
    }

    /** Drops every datagram from now on, both ways. */
    void cut() {
        cut = true;
    }

    final class End implements DatagramTransport {
        private final String name;
        private final BlockingQueue<ByteBuffer> arriving = new LinkedBlockingQueue<>();
        private volatile boolean closed;
        private End other;
        private Thread delivery;
        /** The names of the threads that sent datagrams here, in order: who did the writing. */
        final BlockingQueue<String> senders = new LinkedBlockingQueue<>();
        /** The sizes of the datagrams sent here, in order. */
        final BlockingQueue<Integer> sizes = new LinkedBlockingQueue<>();

        private End(String name) {
            this.name = name;
        }

        @Override
        public void send(ByteBuffer datagram) {
            senders.add(Thread.currentThread().getName());
            sizes.add(datagram.remaining());
            ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram).flip();
            if (!cut && !closed && !other.closed) {
                other.arriving.add(copy);
            }
        }

        @Override
        public void start(Receiver receiver) {
            delivery = new Thread(() -> {
                try {
                    while (!closed) {
                        receiver.onDatagram(arriving.take());
                    }
                } catch (InterruptedException e) {
                    // closed: stop delivering
                }
            }, "memory-datagrams-" + name);
            delivery.setDaemon(true);
            delivery.start();
        }

        @Override
        public void close() {
            closed = true;
            if (delivery != null) {
                delivery.interrupt();
            }
        }
    }
}
