package im.tandem.it.bench;

import java.util.Arrays;

/** Measured durations in nanoseconds, with the order statistics the benchmark tables report. */
final class Samples {
    private long[] values = new long[64];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int count() {
        return size;
    }

    /** The q-quantile (0..1) by the nearest-rank method, in milliseconds. */
    double quantileMillis(double q) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    double medianMillis() {
        return quantileMillis(0.5);
    }
}
