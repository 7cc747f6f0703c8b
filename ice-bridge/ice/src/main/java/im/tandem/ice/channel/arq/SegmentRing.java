package im.tandem.ice.channel.arq;

import java.util.NoSuchElementException;

/**
 * Sent-but-unacknowledged segments. Sequence numbers are consecutive, so a segment is found by its distance from the
 * oldest one in constant time, which selective acks need on every ack.
 */
final class SegmentRing {

    private static final int INITIAL_CAPACITY = 64;

    private Segment[] slots = new Segment[INITIAL_CAPACITY];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Segment first() {
        if (size == 0) {
            throw new NoSuchElementException("no segment in flight");
        }
        return slots[head];
    }

    /** The segment with this sequence number, or {@code null} if it is not in flight. */
    Segment get(long seq) {
        if (size == 0) {
            return null;
        }
        long index = seq - slots[head].seq;
        return index < 0 || index >= size ? null : slots[(head + (int) index) & (slots.length - 1)];
    }

    void addLast(Segment segment) {
        if (size > 0 && segment.seq != slots[(head + size - 1) & (slots.length - 1)].seq + 1) {
            throw new IllegalArgumentException("segments must be added in sequence");
        }
        if (size == slots.length) {
            grow();
        }
        slots[(head + size) & (slots.length - 1)] = segment;
        size++;
    }

    Segment removeFirst() {
        Segment segment = first();
        slots[head] = null;
        head = (head + 1) & (slots.length - 1);
        size--;
        return segment;
    }

    private void grow() {
        Segment[] bigger = new Segment[slots.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = slots[(head + i) & (slots.length - 1)];
        }
        slots = bigger;
        head = 0;
    }
}
