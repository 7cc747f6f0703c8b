package im.tandem.ice.channel.arq;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts arriving segments back in order and holds the bytes until the application reads them. Its free space is the
 * window advertised to the sender, which is how a slow reader slows the writer down.
 *
 * <p>Two limits apply: the payload bytes held stay within the capacity, and the memory held, each segment counted
 * with {@link #SEGMENT_OVERHEAD_BYTES}, within a budget of the capacity plus the overhead of as many full segments
 * as fit in it. Full segments reach the first limit first, as before; only a peer sending many tiny segments meets
 * the second, and what it sends beyond it is refused and must be resent.
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

    /**
     * What holding one segment costs beyond its payload on a 64-bit JVM, rounded up generously: the map entry or
     * queue slot that holds it (up to 64 bytes), its boxed sequence number (16 to 24) and the array's header and
     * padding (16 to 23). Without it a window of 4 MiB admits four million one-byte segments, some 370 MB.
     */
    static final int SEGMENT_OVERHEAD_BYTES = 128;

    private final long capacityBytes;
    private final long memoryBudgetBytes;
    private final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private long nextExpectedSeq;
    private long finSeq = -1;
    private int headOffset;
    private long readyBytes;
    private long outOfOrderBytes;
    private long readyMemoryBytes;
    private long outOfOrderMemoryBytes;
    private boolean ended;

    /**
     * @param capacityBytes payload bytes held at most: the largest window advertised
     * @param segmentBytes  payload of a full segment, which sets the memory budget
     */
    ReceiveBuffer(long capacityBytes, int segmentBytes) {
        this.capacityBytes = capacityBytes;
        this.memoryBudgetBytes = capacityBytes + (capacityBytes / segmentBytes + 1) * SEGMENT_OVERHEAD_BYTES;
    }

    Outcome accept(long seq, byte[] payload, boolean fin) {
        if (seq < nextExpectedSeq || outOfOrder.containsKey(seq) || (finSeq >= 0 && seq >= finSeq)) {
            return Outcome.DUPLICATE;
        }
        // The next in-order segment is always taken while unread bytes leave room, or a buffer full of
        // out-of-order data could wait forever for the segment that would release it.
        boolean room = seq == nextExpectedSeq
                ? readyBytes < capacityBytes && readyMemoryBytes < memoryBudgetBytes
                : readyBytes + outOfOrderBytes + payload.length <= capacityBytes
                        && readyMemoryBytes + outOfOrderMemoryBytes + memoryOf(payload) <= memoryBudgetBytes;
        if (!room) {
            return Outcome.NO_ROOM;
        }
        if (fin) {
            finSeq = seq;
        }
        if (seq != nextExpectedSeq) {
            outOfOrder.put(seq, payload);
            outOfOrderBytes += payload.length;
            outOfOrderMemoryBytes += memoryOf(payload);
            return Outcome.OUT_OF_ORDER;
        }
        deliver(payload);
        for (Map.Entry<Long, byte[]> next = outOfOrder.firstEntry();
             next != null && next.getKey() == nextExpectedSeq; next = outOfOrder.firstEntry()) {
            outOfOrder.pollFirstEntry();
            outOfOrderBytes -= next.getValue().length;
            outOfOrderMemoryBytes -= memoryOf(next.getValue());
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
            readyMemoryBytes += memoryOf(payload);
        }
        nextExpectedSeq++;
    }

    private static long memoryOf(byte[] payload) {
        return payload.length + SEGMENT_OVERHEAD_BYTES;
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
                readyMemoryBytes -= memoryOf(head);
                headOffset = 0;
            }
        }
        readyBytes -= copied;
        return copied;
    }

    boolean hasReadable() {
        return readyBytes > 0;
    }

    long readableBytes() {
        return readyBytes;
    }

    /** True once the end-of-stream marker has arrived in order (bytes before it may still be unread). */
    boolean ended() {
        return ended;
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

    /** Payload bytes that fit now, the window to advertise: less than the payload room once tiny segments fill up. */
    long freeBytes() {
        long payload = capacityBytes - readyBytes - outOfOrderBytes;
        long memory = memoryBudgetBytes - readyMemoryBytes - outOfOrderMemoryBytes;
        return Math.max(0, Math.min(payload, memory));
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
