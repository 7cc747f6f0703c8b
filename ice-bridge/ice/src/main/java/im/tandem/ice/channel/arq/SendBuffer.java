package im.tandem.ice.channel.arq;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The outgoing side of the stream: bytes waiting to be sent, segments in flight, and the bookkeeping that turns acks
 * into deliveries, round-trip samples and detected losses.
 *
 * <p>Loss is detected by transmission order, not by time or sequence: a transmission is lost once
 * {@value #REORDER_THRESHOLD} later transmissions have been delivered. Retransmissions get a new place in that order,
 * so a lost retransmission is found the same way as a lost original.
 */
final class SendBuffer {

    /** TCP's classic three: tolerates a little reordering without waiting a whole timeout for real losses. */
    static final int REORDER_THRESHOLD = 3;

    /** What one ack revealed. */
    record AckResult(long deliveredBytes, long rttSampleNanos, long lowestLostSeq, boolean progress) {
        static final long NONE = -1;
    }

    private record Transmission(Segment segment, long order) {
    }

    private final int maxSegmentBytes;
    private final long capacityBytes;
    private final ArrayDeque<byte[]> unsent = new ArrayDeque<>();
    private final SegmentRing inFlight = new SegmentRing();
    private final ArrayDeque<Transmission> transmissions = new ArrayDeque<>();
    private final ArrayDeque<Segment> lost = new ArrayDeque<>();
    private long unsentBytes;
    private long undeliveredBytes;
    private long pipeBytes;
    private int pipeSegments;
    private long nextSeq;
    private long nextTransmitOrder;
    private long highestDeliveredOrder = -1;
    private boolean finQueued;
    private boolean finSent;

    SendBuffer(int maxSegmentBytes, long capacityBytes) {
        this.maxSegmentBytes = maxSegmentBytes;
        this.capacityBytes = capacityBytes;
    }

    /** Takes as many bytes as the buffer has room for, cut into segments; returns how many it took. */
    int queue(byte[] data, int offset, int length) {
        if (finQueued) {
            throw new IllegalStateException("the stream was already finished");
        }
        int taken = (int) Math.min(length, capacityBytes - bufferedBytes());
        int done = 0;
        while (done < taken) {
            byte[] last = unsent.peekLast();
            if (last != null && last.length < maxSegmentBytes) {
                // Coalesce small writes so a burst of tiny records does not become a burst of tiny datagrams.
                int n = Math.min(taken - done, maxSegmentBytes - last.length);
                byte[] merged = Arrays.copyOf(last, last.length + n);
                System.arraycopy(data, offset + done, merged, last.length, n);
                unsent.pollLast();
                unsent.addLast(merged);
                done += n;
            } else {
                int n = Math.min(taken - done, maxSegmentBytes);
                byte[] chunk = new byte[n];
                System.arraycopy(data, offset + done, chunk, 0, n);
                unsent.addLast(chunk);
                done += n;
            }
        }
        unsentBytes += taken;
        return taken;
    }

    void queueFin() {
        finQueued = true;
    }

    long bufferedBytes() {
        return unsentBytes + undeliveredBytes;
    }

    long freeBytes() {
        return Math.max(0, capacityBytes - bufferedBytes());
    }

    boolean hasRoom() {
        return bufferedBytes() < capacityBytes;
    }

    /** True when every queued byte and the end marker (if queued) have been acknowledged. */
    boolean allDelivered() {
        return unsent.isEmpty() && inFlight.isEmpty() && finQueued == finSent;
    }

    boolean hasPending() {
        return !unsent.isEmpty() || (finQueued && !finSent) || hasLost();
    }

    private boolean hasLost() {
        while (!lost.isEmpty() && !lost.peekFirst().lost) {
            lost.pollFirst();
        }
        return !lost.isEmpty();
    }

    long pipeBytes() {
        return pipeBytes;
    }

    int pipeSegments() {
        return pipeSegments;
    }

    long nextSeq() {
        return nextSeq;
    }

    /**
     * Chooses what to transmit next: lost segments before new ones.
     *
     * @param congestionWindow bytes the path may hold
     * @param peerWindow       bytes the peer said it can still buffer
     * @return the segment, already counted as sent, or {@code null} if nothing may be sent now
     */
    Segment next(long congestionWindow, long peerWindow, long nowNanos) {
        if (hasLost()) {
            Segment segment = lost.peekFirst();
            if (!fitsCongestion(segment.length(), congestionWindow)) {
                return null;
            }
            lost.pollFirst();
            segment.lost = false;
            return transmit(segment, nowNanos);
        }
        byte[] chunk = unsent.peekFirst();
        if (chunk == null) {
            if (finQueued && !finSent) {
                finSent = true;
                return transmitNew(new Segment(nextSeq++, new byte[0], true), nowNanos);
            }
            return null;
        }
        if (!fitsCongestion(chunk.length, congestionWindow) || undeliveredBytes + chunk.length > peerWindow) {
            return null;
        }
        unsent.pollFirst();
        unsentBytes -= chunk.length;
        undeliveredBytes += chunk.length;
        return transmitNew(new Segment(nextSeq++, chunk, false), nowNanos);
    }

    /** An empty pipe always admits one segment, so a window smaller than a segment slows but never stalls. */
    private boolean fitsCongestion(int length, long congestionWindow) {
        return pipeSegments == 0 || pipeBytes + length <= congestionWindow;
    }

    private Segment transmitNew(Segment segment, long nowNanos) {
        inFlight.addLast(segment);
        return transmit(segment, nowNanos);
    }

    private Segment transmit(Segment segment, long nowNanos) {
        segment.transmitOrder = nextTransmitOrder++;
        segment.sentAtNanos = nowNanos;
        segment.transmissions++;
        pipeBytes += segment.length();
        pipeSegments++;
        transmissions.addLast(new Transmission(segment, segment.transmitOrder));
        return segment;
    }

    /** Applies an ack: the cumulative point and selective ranges, as [start, end) pairs. */
    AckResult onAck(long cumulativeAck, long[] sackRanges, long nowNanos) {
        long deliveredBytes = 0;
        long newestSentAt = Long.MIN_VALUE;
        boolean progress = false;
        while (!inFlight.isEmpty() && inFlight.first().seq < cumulativeAck) {
            Segment segment = inFlight.removeFirst();
            progress = true;
            if (!segment.delivered) {
                deliveredBytes += markDelivered(segment);
                newestSentAt = sampleCandidate(segment, newestSentAt);
            }
            segment.payload = null; // the ring no longer holds it; drop the bytes early
        }
        for (int i = 0; i < sackRanges.length; i += 2) {
            for (long seq = Math.max(sackRanges[i], cumulativeAck); seq < sackRanges[i + 1]; seq++) {
                Segment segment = inFlight.get(seq);
                if (segment == null) {
                    break; // beyond what we sent: a forged or corrupt range
                }
                if (!segment.delivered) {
                    progress = true;
                    deliveredBytes += markDelivered(segment);
                    newestSentAt = sampleCandidate(segment, newestSentAt);
                }
            }
        }
        long lowestLost = detectLosses();
        long rtt = newestSentAt == Long.MIN_VALUE ? AckResult.NONE : nowNanos - newestSentAt;
        return new AckResult(deliveredBytes, rtt, lowestLost, progress);
    }

    /** Karn's rule: only a segment sent once gives an unambiguous round-trip sample. */
    private static long sampleCandidate(Segment segment, long newestSentAt) {
        return segment.transmissions == 1 ? Math.max(newestSentAt, segment.sentAtNanos) : newestSentAt;
    }

    private long markDelivered(Segment segment) {
        if (segment.inPipe()) {
            pipeBytes -= segment.length();
            pipeSegments--;
        }
        segment.delivered = true;
        segment.lost = false;
        undeliveredBytes -= segment.length();
        highestDeliveredOrder = Math.max(highestDeliveredOrder, segment.transmitOrder);
        return segment.length();
    }

    private long detectLosses() {
        long lowestLost = AckResult.NONE;
        while (!transmissions.isEmpty()
                && transmissions.peekFirst().order() + REORDER_THRESHOLD <= highestDeliveredOrder) {
            Transmission t = transmissions.pollFirst();
            Segment segment = t.segment();
            if (segment.transmitOrder == t.order() && segment.inPipe()) {
                markLost(segment);
                lowestLost = lowestLost == AckResult.NONE ? segment.seq : Math.min(lowestLost, segment.seq);
            }
        }
        return lowestLost;
    }

    /** After a retransmission timeout nothing in the pipe can be trusted to arrive: resend it all. */
    void markAllLost() {
        transmissions.clear();
        for (long seq = inFlight.isEmpty() ? 0 : inFlight.first().seq; seq < nextSeq; seq++) {
            Segment segment = inFlight.get(seq);
            if (segment != null && segment.inPipe()) {
                markLost(segment);
            }
        }
    }

    private void markLost(Segment segment) {
        pipeBytes -= segment.length();
        pipeSegments--;
        segment.lost = true;
        lost.addLast(segment);
    }
}
