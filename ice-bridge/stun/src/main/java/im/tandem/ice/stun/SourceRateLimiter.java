package im.tandem.ice.stun;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source IP, in a map bounded by {@link RateLimit#maxTrackedSources()} with
 * least-recently-seen eviction. A flood from many (spoofed) addresses can only evict buckets, which hands an
 * evicted source a fresh full bucket: the failure mode is "too lenient for a moment", never "unbounded memory"
 * or "legitimate clients locked out".
 */
final class SourceRateLimiter {
    private static final double NANOS_PER_SECOND = 1e9;
    /** Access order makes the map's eldest entry the least recently seen source. */
    private static final boolean ACCESS_ORDER = true;
    private static final float LOAD_FACTOR = 0.75f;
    private static final int INITIAL_CAPACITY = 16;

    private final RateLimit limit;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Bucket> buckets;

    SourceRateLimiter(RateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(INITIAL_CAPACITY, LOAD_FACTOR, ACCESS_ORDER) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > limit.maxTrackedSources();
            }
        };
    }

    /** Takes one token from the source's bucket; false means drop the packet. */
    synchronized boolean tryAcquire(InetAddress source) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(source, s -> new Bucket(limit.burst(), now));
        double elapsedSeconds = Math.max(0, now - bucket.lastRefillNanos) / NANOS_PER_SECOND;
        bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsedSeconds * limit.packetsPerSecond());
        bucket.lastRefillNanos = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    synchronized int trackedSources() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long lastRefillNanos;

        Bucket(double tokens, long lastRefillNanos) {
            this.tokens = tokens;
            this.lastRefillNanos = lastRefillNanos;
        }
    }
}
