package im.tandem.openfire.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.storage.Sql;
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

    /** Openfire's embedded database; PostgreSQL and MariaDB run the same race in the integration tests. */
    @Test
    void parallelRequestsOnSeparateConnectionsPassALimitExactlyAsOftenAsItAllows() throws Exception {
        int requests = 20;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                RateLimiter.Limit own = new RateLimiter.Limit("destination:" + i, 3, Duration.ofHours(1),
                        "codes to it");
                outcomes.add(threads.submit(() -> {
                    go.await();
                    return limiter.tryAcquire(List.of(own, ACCOUNT), T0).isEmpty();
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Boolean> outcome : outcomes) {
                granted += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isEqualTo(ACCOUNT.max());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void oldEventsArePurged() throws Exception {
        limiter.tryAcquire(List.of(ACCOUNT), T0);
        limiter.tryAcquire(List.of(ACCOUNT), T0.plusSeconds(10));
        assertThat(limiter.purgeBefore(T0.plusSeconds(5))).isEqualTo(1);
    }

    @Test
    void keysUnusedForADayArePurgedAndCreatedAgainOnTheirNextUse() throws Exception {
        TestDatabase database = TestDatabase.create();
        RateLimiter limiter = new RateLimiter(database);
        limiter.tryAcquire(List.of(ACCOUNT, DESTINATION), T0);
        limiter.purgeBefore(T0.plus(Duration.ofDays(1)));
        try (Connection connection = database.open()) {
            assertThat(Sql.count(connection, "SELECT COUNT(*) FROM tdmRateKey")).isZero();
        }
        assertThat(limiter.tryAcquire(List.of(ACCOUNT, DESTINATION), T0.plus(Duration.ofDays(1)))).isEmpty();
        try (Connection connection = database.open()) {
            assertThat(Sql.count(connection, "SELECT COUNT(*) FROM tdmRateKey")).isEqualTo(2);
        }
    }
}
