package im.tandem.client.direct;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        /** While set, each send waits until {@link #releaseSends()}: a path that holds its sender up. */
        private volatile CountDownLatch hold;
        /** Counted down by the first send held up since {@link #holdSends()}. */
        private volatile CountDownLatch aSendHeld = new CountDownLatch(1);
        /** The sizes of the datagrams sent here, in order. */
        final BlockingQueue<Integer> sizes = new LinkedBlockingQueue<>();

        private End(String name) {
            this.name = name;
        }

        /** From now on, each send waits (as a send on a full socket buffer would) until {@link #releaseSends()}. */
        void holdSends() {
            aSendHeld = new CountDownLatch(1);
            hold = new CountDownLatch(1);
        }

        /** Waits until a send is held up; false if none was within the timeout. */
        boolean awaitHeldSend(Duration timeout) throws InterruptedException {
            return aSendHeld.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void releaseSends() {
            CountDownLatch held = hold;
            hold = null;
            held.countDown();
        }

        @Override
        public void send(ByteBuffer datagram) {
            CountDownLatch held = hold;
            if (held != null) {
                aSendHeld.countDown();
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
                        receiver.onDatagram(arriving.take(), true);
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
