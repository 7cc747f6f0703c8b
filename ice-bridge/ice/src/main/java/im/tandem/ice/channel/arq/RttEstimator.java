package im.tandem.ice.channel.arq;

import java.time.Duration;

/** Smoothed round-trip time and retransmission timeout as RFC 6298 computes them. */
final class RttEstimator {

    /** RFC 6298 gains: 1/8 for the mean, 1/4 for the deviation. */
    private static final double ALPHA = 1.0 / 8;
    private static final double BETA = 1.0 / 4;
    private static final int DEVIATION_FACTOR = 4;

    private final long minRtoNanos;
    private final long maxRtoNanos;
    private long smoothedNanos;
    private long deviationNanos;
    private long rtoNanos;
    private boolean sampled;

    RttEstimator(Duration initialRto, Duration minRto, Duration maxRto) {
        this.minRtoNanos = minRto.toNanos();
        this.maxRtoNanos = maxRto.toNanos();
        this.rtoNanos = initialRto.toNanos();
    }

    void sample(long rttNanos) {
        if (!sampled) {
            smoothedNanos = rttNanos;
            deviationNanos = rttNanos / 2;
            sampled = true;
        } else {
            deviationNanos = (long) ((1 - BETA) * deviationNanos + BETA * Math.abs(smoothedNanos - rttNanos));
            smoothedNanos = (long) ((1 - ALPHA) * smoothedNanos + ALPHA * rttNanos);
        }
        rtoNanos = clamp(smoothedNanos + DEVIATION_FACTOR * deviationNanos);
    }

    /** Doubles the timeout after it expired (RFC 6298 5.5), so a slow path is not flooded with copies. */
    void backOff() {
        rtoNanos = clamp(rtoNanos * 2);
    }

    long rtoNanos() {
        return rtoNanos;
    }

    private long clamp(long nanos) {
        return Math.max(minRtoNanos, Math.min(maxRtoNanos, nanos));
    }
}
