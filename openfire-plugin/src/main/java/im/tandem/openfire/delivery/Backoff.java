package im.tandem.openfire.delivery;

import java.time.Duration;

import im.tandem.openfire.config.PropertyReader;

/**
 * Exponential backoff: the first retry after {@code base}, each later one twice as long, never longer than
 * {@code max}; after {@code maxAttempts} attempts the delivery fails for good.
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {
    public static final String BASE = "tandem.notify.retry.base.seconds";
    public static final String MAX = "tandem.notify.retry.max.seconds";
    public static final String ATTEMPTS = "tandem.notify.retry.attempts";

    /** Half a minute: an SMTP server restarting or a gateway's brief outage is over by then. */
    public static final Duration DEFAULT_BASE = Duration.ofSeconds(30);
    /** An hour: the longest a recovered server waits for its backlog. */
    public static final Duration DEFAULT_MAX = Duration.ofHours(1);
    /** Ten attempts span about four hours with the defaults: longer than any outage worth waiting for. */
    public static final int DEFAULT_ATTEMPTS = 10;

    public Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max and at least one attempt");
        }
    }

    public static Backoff load(PropertyReader properties) {
        Duration base = properties.seconds(BASE, DEFAULT_BASE, Duration.ofSeconds(1), Duration.ofDays(1));
        Duration max = properties.seconds(MAX, DEFAULT_MAX.compareTo(base) < 0 ? base : DEFAULT_MAX, base,
                Duration.ofDays(7));
        return new Backoff(base, max, properties.integer(ATTEMPTS, DEFAULT_ATTEMPTS, 1, 100));
    }

    /** The wait after the given failed attempt (1 = the first). */
    public Duration delayAfter(int attempt) {
        if (attempt <= 1) {
            return base;
        }
        // Doubling past 2^40 seconds is far beyond any max; stop shifting before the long overflows.
        int doublings = Math.min(attempt - 1, 40);
        long seconds = base.toSeconds() << doublings;
        return seconds <= 0 || seconds > max.toSeconds() ? max : Duration.ofSeconds(seconds);
    }

    /** True when no attempt is left after the given number of attempts. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
