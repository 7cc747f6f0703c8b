package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.testing.TestClock;
import im.tandem.openfire.testing.TestDatabase;

/** The poller and its senders against a real database. */
class DeliveryWorkerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    /** Were a backlog to wait for the next poll, it would wait this long: far beyond the test. */
    private static final Duration LONG_POLL = Duration.ofMinutes(5);
    /** More than a batch and far more than the senders: the backlog takes several rounds of both. */
    private static final int BACKLOG = 25;
    private static final int BATCH = 10;
    private static final int SENDERS = 2;

    @Test
    void aBacklogGoesOutAsTheSendersComeFreeWithoutWaitingForTheNextPoll() throws Exception {
        TestDatabase database = TestDatabase.create();
        TestClock clock = new TestClock(T0);
        DeliveryStore store = new DeliveryStore(database);
        for (int i = 0; i < BACKLOG; i++) {
            store.enqueueCode("alice", DeliveryChannel.EMAIL, "alice" + i + "@example.org", "Your code", "123456", T0);
        }
        CountDownLatch sent = new CountDownLatch(BACKLOG);
        ChannelSender counting = message -> {
            sent.countDown();
            return SendResult.sent();
        };
        DeliveryConfig config = new DeliveryConfig(true, LONG_POLL, BATCH, Duration.ofMinutes(2),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 3), 5, 200, 160, "", Duration.ofDays(30));
        LimitConfig limits = new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 1_000, 200, 100, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+49"));
        DeliveryProcessor processor = new DeliveryProcessor(store, new SettingsStore(database, clock), user -> false,
                new CapNotices((user, text) -> { }, new RateLimiter(database)), new RateLimiter(database),
                Map.of(DeliveryChannel.EMAIL, counting, DeliveryChannel.SMS, counting),
                () -> config, () -> limits, "example.org", clock);
        DeliveryWorker worker = new DeliveryWorker(store, new RateLimiter(database), processor, () -> config, clock,
                SENDERS);

        worker.start();
        try {
            assertThat(sent.await(LONG_POLL.toSeconds() / 10, TimeUnit.SECONDS))
                    .as("all %d deliveries sent before the next poll, %s after the first", BACKLOG, LONG_POLL).isTrue();
        } finally {
            worker.stop();
        }
        assertThat(store.counts().get(DeliveryChannel.EMAIL).get(DeliveryState.SENT)).isEqualTo(BACKLOG);
    }
}
