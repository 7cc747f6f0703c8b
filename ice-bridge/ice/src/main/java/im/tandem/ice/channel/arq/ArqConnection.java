package im.tandem.ice.channel.arq;

import im.tandem.ice.transport.DatagramTransport;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A reliable, ordered, flow- and congestion-controlled byte stream over a {@link DatagramTransport}: numbered
 * segments, cumulative and selective acks, RFC 6298 retransmission timer, receiver window, AIMD congestion window.
 *
 * <p>Both ends are symmetric and start sending at once; there is no connection handshake because the layer above
 * (TLS) has one. Datagrams that are not well-formed packets are dropped and counted. If nothing valid arrives from
 * the peer for {@link ArqConfig#peerTimeout()}, the stream fails: every blocked call returns with an
 * {@link IOException} and the {@link FailureListener} is told, so no caller waits on a dead peer for longer than that.
 *
 * <p>Every time it reads and every timer it runs come from its {@link ArqClock}, so a test can drive it with a clock
 * it advances by hand.
 */
public final class ArqConnection implements Closeable {

    /** Told once when the stream fails (not when it is closed normally). */
    @FunctionalInterface
    public interface FailureListener {
        void onFailure(IOException cause);
    }

    /** Sixteen ranges describe the holes of any realistic loss pattern and keep an ack under 300 bytes. */
    private static final int MAX_SACK_RANGES = 16;
    /**
     * Acknowledge every second in-order segment (RFC 5681 4.2) once the transport has handed over what it read at
     * once, which is one datagram on most transports and a whole burst where the kernel coalesces them: one ack for
     * the burst then. A single segment waits for the next tick.
     */
    private static final int ACK_EVERY_SEGMENTS = 2;
    /**
     * Timer resolution: bounds the delay of a deferred ack and the lateness of a retransmission. Five milliseconds
     * is a fifth of the minimum timeout, and 200 wake-ups a second cost nothing measurable.
     */
    private static final Duration TICK = Duration.ofMillis(5);
    /** Before the first round-trip sample: long enough for any sane path, short enough to recover a lost hello. */
    private static final Duration INITIAL_RTO = Duration.ofMillis(250);
    /**
     * RFC 6298 says one second, meant for the Internet of 2011; a LAN or loopback round trip is microseconds and a
     * tail loss should not cost a second. 25 ms stays above the tick plus scheduling jitter of a loaded machine.
     */
    private static final Duration MIN_RTO = Duration.ofMillis(25);
    /** Caps exponential back-off so a path that comes back is noticed within a couple of seconds. */
    private static final Duration MAX_RTO = Duration.ofSeconds(2);
    private static final long NOT_ARMED = Long.MIN_VALUE;
    /**
     * A writer blocked on a full send buffer wakes once a quarter of it is free (or all it still has to write fits),
     * as TCP wakes writers on a third: not for every acknowledgement.
     */
    private static final int WRITER_WAKE_FRACTION = 4;
    /** Below this much room (in segments) the peer is about to stop: a waiting reader takes what it has. */
    private static final int READER_ROOM_SEGMENTS = 2;

    private final DatagramTransport transport;
    private final ArqConfig config;
    private final ArqClock clock;
    private final FailureListener failureListener;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on any change a blocked closer or {@link #awaitDelivered} may be waiting for. */
    private final Condition changed = lock.newCondition();
    /**
     * Signalled once as many bytes are readable as the blocked reader asked for ({@link #readerWants}), or the
     * stream ended: a reader that needs a whole TLS record is not woken for each of its datagrams.
     */
    private final Condition readable = lock.newCondition();
    /**
     * Signalled once the send buffer has as much room as the blocked writer waits for ({@link #writerWants}), or
     * the stream ended: a writer is not woken for each acknowledgement that frees a segment or two.
     */
    private final Condition writable = lock.newCondition();
    private final SendBuffer send;
    private final ReceiveBuffer receive;
    private final RttEstimator rtt = new RttEstimator(INITIAL_RTO, MIN_RTO, MAX_RTO);
    private final CongestionWindow congestion;
    /** One datagram being written: an ack, a probe, a close, or a data packet on its way into {@link #batch}. */
    private final ByteBuffer outgoing;
    /** The data packets of one {@link #pump}, sent in as few system calls as the transport allows. */
    private final DatagramBatch batch;
    /** Set in {@link #open} under the lock, which every path to {@link #release} takes first. */
    private ArqClock.Ticker ticker;
    private final AtomicLong droppedDatagrams = new AtomicLong();

    private long peerWindow;
    private long highestCumulativeAckSeen;
    private long lastAdvertisedWindow;
    private long retransmitTimerStart = NOT_ARMED;
    private long lastHeardNanos;
    private long lastProbeNanos;
    private long lastProgressNanos;
    private int segmentsSinceAck;
    /** Readable bytes the blocked reader waits for; 0 while no reader waits. */
    private long readerWants;
    /** Free send-buffer bytes the blocked writer waits for; 0 while no writer waits. */
    private long writerWants;
    /** Callers blocked in {@link #awaitDelivered}: each tick wakes them to compare their stall limit to the clock. */
    private int deliveryWaiters;
    private boolean ackPending;
    private boolean finished;
    private boolean closed;
    private boolean peerClosed;
    private IOException failure;

    private ArqConnection(DatagramTransport transport, ArqConfig config, ArqClock clock,
                          FailureListener failureListener) {
        this.transport = transport;
        this.config = config;
        this.clock = clock;
        this.failureListener = failureListener;
        this.send = new SendBuffer(config.segmentBytes(), config.sendBufferBytes());
        this.receive = new ReceiveBuffer(config.receiveBufferBytes(), config.segmentBytes());
        this.congestion = new CongestionWindow(config.segmentBytes(), config.receiveBufferBytes());
        this.outgoing = ByteBuffer.allocate(config.maxDatagramBytes());
        this.batch = new DatagramBatch(transport, config.maxDatagramBytes());
        // Until the peer says otherwise, assume it uses the same settings; a smaller real window is learnt from
        // its first packet, and anything sent beyond it is dropped and resent.
        this.peerWindow = config.receiveBufferBytes();
        this.lastAdvertisedWindow = config.receiveBufferBytes();
        this.lastHeardNanos = clock.nanoTime();
        this.lastProgressNanos = lastHeardNanos;
    }

    /** Starts a stream over the transport, which it now owns and closes, on the system clock. */
    public static ArqConnection open(DatagramTransport transport, ArqConfig config, FailureListener failureListener) {
        return open(transport, config, ArqClock.system(), failureListener);
    }

    /** Starts a stream over the transport, which it now owns and closes, on the given clock. */
    static ArqConnection open(DatagramTransport transport, ArqConfig config, ArqClock clock,
                              FailureListener failureListener) {
        ArqConnection connection = new ArqConnection(Objects.requireNonNull(transport, "transport"),
                Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(failureListener, "failureListener"));
        // Under the lock, so a tick cannot run (and perhaps release the stream) before the ticker is set; before
        // the transport starts, so neither can an arriving CLOSE.
        connection.lock.lock();
        try {
            connection.ticker = clock.tickEvery(TICK, connection::tick);
        } finally {
            connection.lock.unlock();
        }
        transport.start(connection::onDatagram);
        return connection;
    }

    /**
     * Reads at least one byte, blocking until some arrive.
     *
     * @return bytes read, or -1 once the peer has finished and everything before its end has been read
     * @throws IOException if the stream failed or was closed
     */
    public int read(byte[] target, int offset, int length) throws IOException {
        return read(target, offset, length, 1);
    }

    /**
     * Reads, blocking until {@code atLeast} bytes (at most {@code length}) are readable, or fewer once the peer has
     * finished: for a reader that can do nothing with less, such as one completing a TLS record.
     *
     * @return bytes read (fewer than {@code atLeast} only before the end), or -1 once the peer has finished and
     *         everything before its end has been read
     * @throws IOException if the stream failed or was closed
     */
    public int read(byte[] target, int offset, int length, int atLeast) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        long wanted = Math.max(1, Math.min(atLeast, length));
        lock.lock();
        try {
            while (true) {
                if (receive.hasReadable() && enoughToRead(wanted)) {
                    int n = receive.read(target, offset, length);
                    announceOpenedWindow();
                    return n;
                }
                if (receive.atEnd()) {
                    return -1;
                }
                checkUsable();
                readerWants = wanted;
                try {
                    readable.awaitUninterruptibly();
                } finally {
                    readerWants = 0;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues all bytes for sending, blocking while the send buffer is full.
     *
     * @throws IOException if the stream failed, was closed or finished
     */
    public void write(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        lock.lock();
        try {
            while (length > 0) {
                checkUsable();
                if (finished) {
                    throw new IOException("write after finish");
                }
                if (!send.hasRoom()) {
                    writerWants = Math.min(length, Math.max(1, config.sendBufferBytes() / WRITER_WAKE_FRACTION));
                    try {
                        writable.awaitUninterruptibly();
                    } finally {
                        writerWants = 0;
                    }
                    continue;
                }
                int n = send.queue(data, offset, length);
                offset += n;
                length -= n;
                pump(clock.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many bytes {@link #write} takes now without blocking: the free space of the send buffer, or 0 once the
     * stream can take no more writes.
     */
    public long writableBytes() {
        lock.lock();
        try {
            return closed || finished ? 0 : send.freeBytes();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the outgoing stream after the queued bytes: the peer reads them, then end of stream. */
    public void finish() throws IOException {
        lock.lock();
        try {
            checkUsable();
            if (!finished) {
                finished = true;
                send.queueFin();
                pump(clock.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the peer has acknowledged everything written (and the end, if finished). A slow reader is waited
     * for as long as acknowledgements keep coming.
     *
     * @param stallLimit give up after this long without any acknowledgement progress, as the stream's clock
     *                   measures it (checked every tick, so up to one tick late); zero only checks
     * @return false if it gave up, or the stream failed or closed first
     */
    public boolean awaitDelivered(Duration stallLimit) {
        lock.lock();
        deliveryWaiters++;
        try {
            while (!send.allDelivered()) {
                if (closed || clock.nanoTime() - lastProgressNanos >= stallLimit.toNanos()) {
                    return false;
                }
                changed.await();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deliveryWaiters--;
            lock.unlock();
        }
    }

    /** Datagrams dropped because they were not valid packets of this stream. */
    public long droppedDatagrams() {
        return droppedDatagrams.get();
    }

    /**
     * Stops at once, without waiting for delivery; blocked calls fail. Tells the peer (best effort) so it need not
     * wait for acknowledgements that will never come. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                Packet.writeClose(outgoing, 0, receive.nextExpectedSeq());
                transmit();
            }
            signalEveryone();
        } finally {
            lock.unlock();
        }
        release();
    }

    private void release() {
        ticker.stop();
        transport.close();
    }

    private void fail(IOException cause) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            failure = cause;
            signalEveryone();
        } finally {
            lock.unlock();
        }
        release();
        failureListener.onFailure(cause);
    }

    private void checkUsable() throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (closed) {
            throw new IOException(peerClosed ? "the peer closed the stream" : "stream closed");
        }
    }

    private void onDatagram(ByteBuffer datagram, boolean endOfRead) {
        Packet packet = Packet.read(datagram);
        if (packet == null) {
            droppedDatagrams.incrementAndGet();
            if (!endOfRead) {
                return;
            }
        }
        IOException bug = null;
        lock.lock();
        try {
            if (packet != null) {
                handle(packet);
            }
            if (endOfRead && !closed && segmentsSinceAck >= ACK_EVERY_SEGMENTS) {
                sendAck(); // no data packet of a pump carried it
            }
        } catch (RuntimeException e) {
            bug = new IOException("internal error handling a datagram", e);
        } finally {
            lock.unlock();
        }
        if (bug != null) {
            fail(bug);
        } else if (peerClosed) {
            release();
        }
    }

    private void handle(Packet packet) {
        if (closed) {
            return;
        }
        if (!isPlausible(packet)) {
            droppedDatagrams.incrementAndGet();
            return;
        }
        long now = clock.nanoTime();
        lastHeardNanos = now;
        applyAck(packet, now);
        switch (packet.type()) {
            case DATA -> onData(packet);
            case PROBE -> sendAck();
            case ACK -> { }
            case CLOSE -> {
                peerClosed = true;
                closed = true;
            }
        }
        pump(now);
        changed.signalAll();
        if (readerWants > 0 && (closed || receive.ended() || (receive.hasReadable() && enoughToRead(readerWants)))) {
            readable.signal();
        }
        if (writerWants > 0 && (send.freeBytes() >= writerWants || closed)) {
            writable.signal();
        }
    }

    /**
     * Whether a reader waiting for {@code wanted} bytes should take what is readable now: they are there, the
     * stream has ended, or the buffer is nearly full, so the peer cannot send the rest until the reader makes room.
     */
    private boolean enoughToRead(long wanted) {
        return receive.readableBytes() >= wanted || receive.ended()
                || receive.freeBytes() < (long) READER_ROOM_SEGMENTS * config.segmentBytes();
    }

    private void signalEveryone() {
        changed.signalAll();
        readable.signalAll();
        writable.signalAll();
    }

    /** Rejects what no honest peer sends: acks for data never sent, empty or far-future data. */
    private boolean isPlausible(Packet packet) {
        if (packet.cumulativeAck() > send.nextSeq()) {
            return false;
        }
        if (packet.type() != Packet.Type.DATA) {
            return true;
        }
        int length = packet.payload().remaining();
        return (length > 0 || packet.fin())
                && packet.seq() - receive.nextExpectedSeq() <= receive.capacityBytes();
    }

    private void applyAck(Packet packet, long now) {
        if (packet.cumulativeAck() >= highestCumulativeAckSeen) {
            // Older acks may arrive late; only the newest window is current.
            highestCumulativeAckSeen = packet.cumulativeAck();
            peerWindow = packet.window();
        }
        SendBuffer.AckResult result = send.onAck(packet.cumulativeAck(), packet.sackRanges(), now);
        if (result.rttSampleNanos() != SendBuffer.AckResult.NONE) {
            rtt.sample(result.rttSampleNanos());
        }
        if (result.deliveredBytes() > 0) {
            congestion.onDelivered(result.deliveredBytes());
        }
        if (result.lowestLostSeq() != SendBuffer.AckResult.NONE) {
            congestion.onLoss(result.lowestLostSeq(), send.nextSeq());
        }
        if (result.progress()) {
            lastProgressNanos = now;
            retransmitTimerStart = send.pipeSegments() > 0 ? now : NOT_ARMED;
        }
    }

    private void onData(Packet packet) {
        byte[] payload = new byte[packet.payload().remaining()];
        packet.payload().get(payload);
        ReceiveBuffer.Outcome outcome = receive.accept(packet.seq(), payload, packet.fin());
        // Anything unusual is reported at once so the sender can repair it; plain in-order data is acked in pairs
        // at the end of the read (see onDatagram).
        if (outcome != ReceiveBuffer.Outcome.IN_ORDER || receive.hasGaps() || packet.fin()) {
            sendAck();
        } else {
            segmentsSinceAck++;
            ackPending = true;
        }
    }

    private void pump(long now) {
        Segment segment;
        while ((segment = send.next(congestion.bytes(), peerWindow, now)) != null) {
            Packet.writeData(outgoing, advertiseWindow(), receive.nextExpectedSeq(), segment.seq, segment.fin,
                    segment.payload);
            outgoing.flip();
            batch.add(outgoing);
            ackPending = false; // the data packet carried the ack
            segmentsSinceAck = 0;
        }
        batch.flush();
        if (send.pipeSegments() > 0 && retransmitTimerStart == NOT_ARMED) {
            retransmitTimerStart = now;
        }
    }

    private void tick() {
        lock.lock();
        long now = clock.nanoTime();
        IOException timeout = null;
        try {
            if (closed) {
                return;
            }
            if (now - lastHeardNanos > config.peerTimeout().toNanos()) {
                timeout = new IOException("no datagram from the peer for " + config.peerTimeout().toMillis()
                        + " ms (peerTimeout): the path is gone");
            } else {
                onTick(now);
            }
        } catch (RuntimeException bug) {
            timeout = new IOException("internal error in the stream timer", bug);
        } finally {
            lock.unlock();
        }
        if (timeout != null) {
            fail(timeout);
        }
    }

    private void onTick(long now) {
        if (retransmitTimerStart != NOT_ARMED && send.pipeSegments() > 0
                && now - retransmitTimerStart >= rtt.rtoNanos()) {
            send.markAllLost();
            congestion.onTimeout(send.nextSeq());
            rtt.backOff();
            retransmitTimerStart = NOT_ARMED;
            pump(now);
        }
        if (ackPending) {
            sendAck();
        }
        if (deliveryWaiters > 0) {
            changed.signalAll(); // their stall limit is measured on our clock, so only a tick can end it
        }
        // A sender with data but an empty pipe is held by the peer's window: ask again in case the update was lost.
        boolean windowBlocked = send.pipeSegments() == 0 && send.hasPending();
        long probeInterval = windowBlocked ? rtt.rtoNanos() : config.keepAliveInterval().toNanos();
        boolean quiet = now - lastHeardNanos >= config.keepAliveInterval().toNanos();
        if ((windowBlocked || quiet) && now - lastProbeNanos >= probeInterval) {
            lastProbeNanos = now;
            Packet.writeProbe(outgoing, advertiseWindow(), receive.nextExpectedSeq());
            transmit();
        }
    }

    /** After a read: tell a sender that may be stalled on a closed window once a good part of it has opened. */
    private void announceOpenedWindow() {
        if (receive.freeBytes() - lastAdvertisedWindow >= receive.capacityBytes() / 4) {
            sendAck();
        }
    }

    private void sendAck() {
        Packet.writeAck(outgoing, advertiseWindow(), receive.nextExpectedSeq(), receive.sackRanges(MAX_SACK_RANGES));
        transmit();
        ackPending = false;
        segmentsSinceAck = 0;
    }

    private long advertiseWindow() {
        lastAdvertisedWindow = receive.freeBytes();
        return lastAdvertisedWindow;
    }

    private void transmit() {
        outgoing.flip();
        try {
            transport.send(outgoing);
        } catch (IOException e) {
            // A UDP send error (full buffer, ICMP unreachable) is the same as a loss: retransmission repairs it,
            // and a path that stays broken ends in the peer timeout.
        }
    }
}
