package im.tandem.openfire.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.testing.TestDatabase;

class RateLimiterTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final RateLimiter.Limit ACCOUNT = new RateLimiter.Limit("account:alice", 2, Duration.ofHours(1),
            "codes for this account");
    private static final RateLimiter.Limit DESTINATION = new RateLimiter.Limit("destination:x", 3,
            Duration.ofHours(1), "codes to x");

    private RateLimiter limiter;

    @BeforeEach
    void setUp() throws Exception {
        limiter = new RateLimiter(TestDatabase.create());
    }

    @Test
    void theLimitIsEnforcedOverASlidingWindowAndSaysWhenTheNextSlotFrees() throws Exception {
        assertThat(limiter.tryAcquire(List.of(ACCOUNT), T0)).isEmpty();
        assertThat(limiter.tryAcquire(List.of(ACCOUNT), T0.plus(Duration.ofMinutes(20)))).isEmpty();
        Optional<RateLimiter.Refusal> refused = limiter.tryAcquire(List.of(ACCOUNT), T0.plus(Duration.ofMinutes(30)));
        assertThat(refused).hasValueSatisfying(refusal -> {
            assertThat(refusal.limit()).isEqualTo(ACCOUNT);
            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMinutes(30));
        });
        assertThat(limiter.tryAcquire(List.of(ACCOUNT), T0.plus(Duration.ofMinutes(61)))).as("the first left the window")
                .isEmpty();
    }

    @Test
    void aRefusalByOneLimitRecordsNothingUnderTheOthers() throws Exception {
        limiter.tryAcquire(List.of(ACCOUNT), T0);
        limiter.tryAcquire(List.of(ACCOUNT), T0);
        assertThat(limiter.tryAcquire(List.of(DESTINATION, ACCOUNT), T0)).isPresent();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(List.of(DESTINATION), T0)).as("destination slot %d", i).isEmpty();
        }
    }

    @Test
    void oldEventsArePurged() throws Exception {
        limiter.tryAcquire(List.of(ACCOUNT), T0);
        limiter.tryAcquire(List.of(ACCOUNT), T0.plusSeconds(10));
        assertThat(limiter.purgeBefore(T0.plusSeconds(5))).isEqualTo(1);
    }
}
