package im.tandem.ice.stun;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SourceRateLimiterTest {
    private static final long ONE_SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong();

    @Test
    void allowsTheBurstThenRefillsAtTheConfiguredRate() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(new RateLimit(2, 3, 10), clock::get);
        InetAddress source = InetAddress.getByName("192.0.2.7");

        assertThat(limiter.tryAcquire(source)).isTrue();
        assertThat(limiter.tryAcquire(source)).isTrue();
        assertThat(limiter.tryAcquire(source)).isTrue();
        assertThat(limiter.tryAcquire(source)).isFalse();

        clock.addAndGet(ONE_SECOND / 2);
        assertThat(limiter.tryAcquire(source)).isTrue();
        assertThat(limiter.tryAcquire(source)).isFalse();

        clock.addAndGet(10 * ONE_SECOND);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(source)).isTrue();
        }
        assertThat(limiter.tryAcquire(source)).as("refill is capped at the burst").isFalse();
    }

    @Test
    void sourcesHaveIndependentBuckets() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(new RateLimit(1, 1, 10), clock::get);

        assertThat(limiter.tryAcquire(InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(limiter.tryAcquire(InetAddress.getByName("192.0.2.1"))).isFalse();
        assertThat(limiter.tryAcquire(InetAddress.getByName("192.0.2.2"))).isTrue();
    }

    @Test
    void stateIsBoundedAndTheLeastRecentlySeenSourceIsForgottenFirst() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(new RateLimit(1, 1, 2), clock::get);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        InetAddress c = InetAddress.getByName("192.0.2.3");

        limiter.tryAcquire(a);
        limiter.tryAcquire(b);
        assertThat(limiter.tryAcquire(a)).as("a is out of tokens and now most recently seen").isFalse();
        limiter.tryAcquire(c);

        assertThat(limiter.trackedSources()).isEqualTo(2);
        assertThat(limiter.tryAcquire(a)).as("a was kept, still empty").isFalse();
        assertThat(limiter.tryAcquire(b)).as("b was evicted and starts with a fresh bucket").isTrue();
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }
        assertThat(limiter.trackedSources()).isEqualTo(2);
    }
}
