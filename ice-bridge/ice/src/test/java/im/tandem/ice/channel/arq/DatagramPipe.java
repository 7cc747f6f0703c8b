package im.tandem.ice.channel.arq;

import im.tandem.ice.transport.DatagramTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Two ends of an in-memory datagram path, driven by the test: a datagram sent waits in the pipe until the test
 * delivers it, on the test's thread. Each end can drop, duplicate or hold back (to reorder) what it sends, chosen by
 * a predicate on the decoded packet, and logs every packet it sent with the clock's time.
 *
 * <p>Delivery happens outside the pipe's lock, so a stream called back with a datagram may send from inside the
 * call, and another thread holding a stream's lock may send at the same time.
 */
final class DatagramPipe {

    /** A packet as an end sent it, whatever the pipe then did with it, and when, as time since the clock began. */
    record Sent(Packet packet, Duration at) {
    }

    private record InFlight(End to, byte[] bytes) {
    }

    private final ManualClock clock;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    final End a = new End("a");
    final End b = new End("b");

    DatagramPipe(ManualClock clock) {
        this.clock = clock;
        a.peer = b;
        b.peer = a;
    }

    /** Delivers datagrams, including those sent in answer, until none is left in the pipe; returns how many. */
    int deliverAll() {
        int delivered = 0;
        InFlight next;
        while ((next = poll()) != null) {
            DatagramTransport.Receiver receiver = next.to.receiverIfOpen();
            if (receiver != null) {
                receiver.onDatagram(ByteBuffer.wrap(next.bytes), true);
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Delivers what is in the pipe now as one read per run of datagrams to the same end (the last of a run marked
     * the end of its read), as a socket with coalesced reads hands a burst over; then, one by one, what they caused.
     */
    int deliverAsReads() {
        List<InFlight> now;
        synchronized (this) {
            now = new ArrayList<>(inFlight);
            inFlight.clear();
        }
        for (int i = 0; i < now.size(); i++) {
            InFlight next = now.get(i);
            boolean endOfRead = i + 1 == now.size() || now.get(i + 1).to != next.to;
            DatagramTransport.Receiver receiver = next.to.receiverIfOpen();
            if (receiver != null) {
                receiver.onDatagram(ByteBuffer.wrap(next.bytes), endOfRead);
            }
        }
        return now.size() + deliverAll();
    }

    /** Lets time pass in steps of the given size, delivering everything after each: a path with that latency. */
    void run(Duration total, Duration step) {
        deliverAll();
        for (long done = 0; done < total.toNanos(); done += step.toNanos()) {
            clock.advance(step);
            deliverAll();
        }
    }

    private synchronized InFlight poll() {
        return inFlight.pollFirst();
    }

    private synchronized void enqueue(End to, byte[] bytes) {
        inFlight.addLast(new InFlight(to, bytes));
    }

    /** One end of the pipe, the transport a stream is opened on. */
    final class End implements DatagramTransport {

        private final String name;
        private final List<Sent> sent = new ArrayList<>();
        private final List<byte[]> held = new ArrayList<>();
        private End peer;
        private Predicate<Packet> drop = packet -> false;
        private Predicate<Packet> duplicate = packet -> false;
        private Predicate<Packet> hold = packet -> false;
        private Receiver receiver;
        private boolean closed;
        private int batchLimit = 1;
        private final List<Integer> batches = new ArrayList<>();

        private End(String name) {
            this.name = name;
        }

        /** From now on, what this end sends and matches is lost. */
        void dropIf(Predicate<Packet> rule) {
            synchronized (DatagramPipe.this) {
                drop = rule;
            }
        }

        /** From now on, what this end sends and matches arrives twice. */
        void duplicateIf(Predicate<Packet> rule) {
            synchronized (DatagramPipe.this) {
                duplicate = rule;
            }
        }

        /** From now on, what this end sends and matches waits until {@link #releaseHeld()}. */
        void holdIf(Predicate<Packet> rule) {
            synchronized (DatagramPipe.this) {
                hold = rule;
            }
        }

        /** Puts the held datagrams into the pipe, behind everything already in it. */
        void releaseHeld() {
            synchronized (DatagramPipe.this) {
                held.forEach(bytes -> enqueue(peer, bytes));
                held.clear();
            }
        }

        /** From now on, this end takes up to {@code limit} datagrams in one {@link #sendBatch}. */
        void takeBatchesOf(int limit) {
            synchronized (DatagramPipe.this) {
                batchLimit = limit;
            }
        }

        /** How many datagrams each {@link #sendBatch} carried, in order. */
        List<Integer> batches() {
            synchronized (DatagramPipe.this) {
                return List.copyOf(batches);
            }
        }

        @Override
        public int batchLimit(int datagramBytes) {
            synchronized (DatagramPipe.this) {
                return batchLimit;
            }
        }

        /**
         * Checks the batch's shape (within the limit, every datagram a packet, all {@code datagramBytes} long but a
         * shorter last), then sends each datagram.
         */
        @Override
        public void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException {
            int count = (datagrams.remaining() + datagramBytes - 1) / datagramBytes;
            synchronized (DatagramPipe.this) {
                if (count < 2 || count > batchLimit) {
                    throw new AssertionError(name + " sent a batch of " + count + ", limit " + batchLimit);
                }
                batches.add(count);
            }
            ByteBuffer rest = datagrams.duplicate();
            for (int i = 0; i < count; i++) {
                int length = Math.min(datagramBytes, rest.remaining());
                ByteBuffer one = rest.slice().limit(length);
                if (Packet.read(one.duplicate()) == null || (i < count - 1 && length != datagramBytes)) {
                    throw new AssertionError(name + " sent a batch whose datagram " + i + " is malformed");
                }
                rest.position(rest.position() + length);
            }
            DatagramTransport.super.sendBatch(datagrams, datagramBytes);
        }

        /** Puts raw bytes into the pipe as if this end had sent them: garbage, forgeries. */
        void inject(byte[] bytes) {
            enqueue(peer, bytes.clone());
        }

        /** Every packet this end has sent, in order. */
        List<Sent> sent() {
            synchronized (DatagramPipe.this) {
                return List.copyOf(sent);
            }
        }

        /** The data packets this end has sent with this sequence number: more than one means retransmissions. */
        List<Sent> sentData(long seq) {
            return sent().stream()
                    .filter(s -> s.packet().type() == Packet.Type.DATA && s.packet().seq() == seq).toList();
        }

        /** How many data packets this end has sent, retransmissions included. */
        long dataPacketsSent() {
            return sent().stream().filter(s -> s.packet().type() == Packet.Type.DATA).count();
        }

        List<Sent> sentOfType(Packet.Type type) {
            return sent().stream().filter(s -> s.packet().type() == type).toList();
        }

        boolean isClosed() {
            synchronized (DatagramPipe.this) {
                return closed;
            }
        }

        /** Like a closed socket, a closed end refuses to send; the stream treats that as a loss. */
        @Override
        public void send(ByteBuffer datagram) throws IOException {
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            Packet packet = Packet.read(ByteBuffer.wrap(bytes.clone()));
            if (packet == null) {
                throw new AssertionError(name + " sent a datagram that is no packet");
            }
            synchronized (DatagramPipe.this) {
                if (closed) {
                    throw new IOException(name + " is closed");
                }
                sent.add(new Sent(packet, clock.elapsed()));
                if (drop.test(packet)) {
                    return;
                }
                if (hold.test(packet)) {
                    held.add(bytes);
                    return;
                }
                enqueue(peer, bytes);
                if (duplicate.test(packet)) {
                    enqueue(peer, bytes.clone());
                }
            }
        }

        @Override
        public void start(Receiver receiver) {
            synchronized (DatagramPipe.this) {
                if (this.receiver != null) {
                    throw new AssertionError(name + " started twice");
                }
                this.receiver = receiver;
            }
        }

        @Override
        public void close() {
            synchronized (DatagramPipe.this) {
                closed = true;
            }
        }

        private Receiver receiverIfOpen() {
            synchronized (DatagramPipe.this) {
                return closed ? null : receiver;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
