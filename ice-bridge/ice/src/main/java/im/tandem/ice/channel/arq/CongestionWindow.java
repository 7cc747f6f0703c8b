package im.tandem.ice.channel.arq;

/**
 * AIMD congestion control in bytes: slow start, then one segment per round trip, halved once per loss episode and
 * collapsed on a retransmission timeout (the Reno rules of RFC 5681, counted in delivered bytes).
 */
final class CongestionWindow {

    /** RFC 6928's initial window of ten segments: fills a short path at once without bursting a long one. */
    private static final int INITIAL_SEGMENTS = 10;
    /** Never below two segments, so an ack always arrives without waiting for a delayed-ack timer. */
    private static final int MINIMUM_SEGMENTS = 2;

    private final int segmentBytes;
    private final long maximumBytes;
    private long windowBytes;
    private long slowStartThreshold = Long.MAX_VALUE;
    /** Losses of segments below this sequence number belong to the episode already answered. */
    private long recoveryEndSeq = -1;

    /**
     * @param segmentBytes largest payload of one segment
     * @param maximumBytes upper bound; more than the peer's receive buffer can never be used anyway
     */
    CongestionWindow(int segmentBytes, long maximumBytes) {
        this.segmentBytes = segmentBytes;
        this.maximumBytes = Math.max(maximumBytes, (long) MINIMUM_SEGMENTS * segmentBytes);
        this.windowBytes = Math.min(this.maximumBytes, (long) INITIAL_SEGMENTS * segmentBytes);
    }

    long bytes() {
        return windowBytes;
    }

    void onDelivered(long bytes) {
        if (windowBytes < slowStartThreshold) {
            windowBytes += bytes;
        } else {
            windowBytes += Math.max(1, (long) segmentBytes * bytes / windowBytes);
        }
        windowBytes = Math.min(windowBytes, maximumBytes);
    }

    /**
     * A segment was found lost.
     *
     * @param lostSeq the lost segment
     * @param nextSeq the next sequence number to be sent, which ends the episode this loss may start
     */
    void onLoss(long lostSeq, long nextSeq) {
        if (lostSeq < recoveryEndSeq) {
            return;
        }
        recoveryEndSeq = nextSeq;
        windowBytes = Math.max(windowBytes / 2, (long) MINIMUM_SEGMENTS * segmentBytes);
        slowStartThreshold = windowBytes;
    }

    void onTimeout(long nextSeq) {
        recoveryEndSeq = nextSeq;
        slowStartThreshold = Math.max(windowBytes / 2, (long) MINIMUM_SEGMENTS * segmentBytes);
        windowBytes = (long) MINIMUM_SEGMENTS * segmentBytes;
    }
}
