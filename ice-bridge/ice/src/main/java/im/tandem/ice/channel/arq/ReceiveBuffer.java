package im.tandem.ice.channel.arq;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts arriving segments back in order and holds the bytes until the application reads them. Its free space is the
 * window advertised to the sender, which is how a slow reader slows the writer down.
 */
final class ReceiveBuffer {

    enum Outcome {
        /** Extended the in-order stream. */
        IN_ORDER,
        /** Kept for later: an earlier segment is missing. */
        OUT_OF_ORDER,
        /** Already had it: the ack that would have stopped the resend was lost or late. */
        DUPLICATE,
        /** No room: the sender ignored the window (or forged it); it will resend. */
        NO_ROOM
    }

    private final long capacityBytes;
    private final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private long nextExpectedSeq;
    private long finSeq = -1;
    private int headOffset;
    private long readyBytes;
    private long outOfOrderBytes;
    private boolean ended;

    ReceiveBuffer(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    Outcome accept(long seq, byte[] payload, boolean fin) {
        if (seq < nextExpectedSeq || outOfOrder.containsKey(seq) || (finSeq >= 0 && seq >= finSeq)) {
            return Outcome.DUPLICATE;
        }
        // The next in-order segment is always taken while unread bytes leave room, or a buffer full of
        // out-of-order data could wait forever for the segment that would release it.
        boolean room = seq == nextExpectedSeq
                ? readyBytes < capacityBytes
                : readyBytes + outOfOrderBytes + payload.length <= capacityBytes;
        if (!room) {
            return Outcome.NO_ROOM;
        }
        if (fin) {
            finSeq = seq;
        }
        if (seq != nextExpectedSeq) {
            outOfOrder.put(seq, payload);
            outOfOrderBytes += payload.length;
            return Outcome.OUT_OF_ORDER;
        }
        deliver(payload);
        for (Map.Entry<Long, byte[]> next = outOfOrder.firstEntry();
             next != null && next.getKey() == nextExpectedSeq; next = outOfOrder.firstEntry()) {
            outOfOrder.pollFirstEntry();
            outOfOrderBytes -= next.getValue().length;
            deliver(next.getValue());
        }
        return Outcome.IN_ORDER;
    }

    private void deliver(byte[] payload) {
        if (nextExpectedSeq == finSeq) {
            ended = true;
        } else if (payload.length > 0) {
            ready.addLast(payload);
            readyBytes += payload.length;
        }
        nextExpectedSeq++;
    }

    /** Copies up to {@code length} in-order bytes; 0 if none are ready. */
    int read(byte[] target, int offset, int length) {
        int copied = 0;
        while (copied < length && !ready.isEmpty()) {
            byte[] head = ready.peekFirst();
            int n = Math.min(length - copied, head.length - headOffset);
            System.arraycopy(head, headOffset, target, offset + copied, n);
            copied += n;
            headOffset += n;
            if (headOffset == head.length) {
                ready.removeFirst();
                headOffset = 0;
            }
        }
        readyBytes -= copied;
        return copied;
    }

    boolean hasReadable() {
        return readyBytes > 0;
    }

    /** True once every byte before the end-of-stream marker has been read. */
    boolean atEnd() {
        return ended && readyBytes == 0;
    }

    boolean hasGaps() {
        return !outOfOrder.isEmpty();
    }

    /** The sequence number of the first segment not yet received in order: the cumulative ack. */
    long nextExpectedSeq() {
        return nextExpectedSeq;
    }

    long freeBytes() {
        return Math.max(0, capacityBytes - readyBytes - outOfOrderBytes);
    }

    long capacityBytes() {
        return capacityBytes;
    }

    /** Up to {@code maxRanges} runs of held out-of-order segments, lowest first, as [start, end) pairs. */
    long[] sackRanges(int maxRanges) {
        long[] ranges = new long[Math.min(maxRanges, outOfOrder.size()) * 2];
        int count = 0;
        for (long seq : outOfOrder.keySet()) {
            if (count > 0 && ranges[count * 2 - 1] == seq) {
                ranges[count * 2 - 1] = seq + 1;
            } else if (count == maxRanges) {
                break;
            } else {
                ranges[count * 2] = seq;
                ranges[count * 2 + 1] = seq + 1;
                count++;
            }
        }
        return count * 2 == ranges.length ? ranges : Arrays.copyOf(ranges, count * 2);
    }
}
