package im.tandem.it.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Deliveries per second over a set of arrivals: from the first to the last, as a queue drained them. */
final class DeliveryRate {
    private DeliveryRate() {
    }

    static double perSecond(Collection<DeliverySink.Arrival> arrivals) {
        List<Instant> times = arrivals.stream().map(DeliverySink.Arrival::at).sorted().toList();
        if (times.size() < 2) {
            throw new IllegalArgumentException("a rate needs at least two arrivals, got " + times.size());
        }
        double seconds = Duration.between(times.get(0), times.get(times.size() - 1)).toNanos() / 1e9;
        // All within one millisecond: faster than the servers' clocks resolve; count it as one millisecond.
        return (times.size() - 1) / Math.max(seconds, 1e-3);
    }
}
