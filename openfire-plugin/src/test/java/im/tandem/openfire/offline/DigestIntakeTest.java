package im.tandem.openfire.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.delivery.Backoff;
import im.tandem.openfire.delivery.CapNotices;
import im.tandem.openfire.delivery.Delivery;
import im.tandem.openfire.delivery.DeliveryConfig;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.delivery.DigestItem;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.QuietHours;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.testing.TestClock;
import im.tandem.openfire.testing.TestDatabase;
import im.tandem.openfire.testing.TestSessions;

class DigestIntakeTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final TestSessions sessions = new TestSessions();
    private SettingsStore settings;
    private DeliveryStore deliveries;
    private TestDatabase database;
    private DigestIntake intake;
    private boolean enabled = true;
    private int messagesDailyCap = 200;
    /** Messages a digest shows, and keeps. */
    private int shown = 5;
    private final List<String> notices = new ArrayList<>();
    private long nextMessageId = 1;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.create();
        settings = new SettingsStore(database, clock);
        deliveries = new DeliveryStore(database);
        intake = newIntake();
    }

    /** A second intake on the same database stands for another server of a cluster. */
    private DigestIntake newIntake() {
        return new DigestIntake(database, settings, deliveries, (user, sender) -> sender.equals("bob@example.org"),
                sessions, () -> new DeliveryConfig(enabled, Duration.ofSeconds(1), 10, Duration.ofSeconds(30),
                        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1), shown, 20, 160, "",
                        Duration.ofDays(1)),
                () -> new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 60, messagesDailyCap, 100, 50,
                        CountryAllowList.of("+49"), 3, CountryAllowList.of("+49")),
                new CapNotices((user, text) -> notices.add(user + ": " + text), new RateLimiter(database)), clock);
    }

    @Test
    void aMessageTakenTwiceIsQueuedOnce() throws Exception {
        settings.save(alice(true, Optional.empty()));
        StoredMessage message = new StoredMessage("alice", "bob@example.org", "hi", T0);
        OfflineRow row = row(message);
        take(intake, row, message);
        take(newIntake(), row, message);
        assertThat(deliveries.unfinished("alice")).hasSize(2).allSatisfy(delivery ->
                assertThat(delivery.itemCount()).isEqualTo(1));
    }

    @Test
    void twoServersTakingTheSameMessagesAtOnceQueueEachOnce() throws Exception {
        // Digests that keep every message, so that each shows up once and in order.
        shown = 50;
        settings.save(alice(true, Optional.empty()));
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(new StoredMessage("alice", "bob@example.org", "message " + i, T0.plusMillis(i)));
        }
        List<OfflineRow> rows = messages.stream().map(this::row).toList();
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> done = servers.invokeAll(List.of(takeAll(newIntake(), rows, messages),
                    takeAll(newIntake(), rows, messages)));
            for (Future<Object> server : done) {
                server.get();
            }
        } finally {
            servers.shutdown();
        }
        for (Delivery delivery : deliveries.unfinished("alice")) {
            assertThat(deliveries.items(delivery.id(), 100)).extracting(DigestItem::excerpt)
                    .as(delivery.channel() + " digest").containsExactlyElementsOf(
                            messages.stream().map(StoredMessage::body).toList());
        }
        assertThat(deliveries.unfinished("alice")).hasSize(2);
    }

    private static Callable<Object> takeAll(DigestIntake server, List<OfflineRow> rows, List<StoredMessage> messages) {
        return () -> {
            for (int i = 0; i < rows.size(); i++) {
                take(server, rows.get(i), messages.get(i));
            }
            return null;
        };
    }

    private void handle(StoredMessage message) throws Exception {
        take(intake, row(message), message);
    }

    private static void take(DigestIntake server, OfflineRow row, StoredMessage message) throws Exception {
        server.takeAll(List.of(new DigestIntake.Taken(row, Optional.of(message))));
    }

    @Test
    void aSenderLongerThanTheColumnIsCutNotRefused() throws Exception {
        settings.save(alice(true, Optional.empty()));
        String sender = "x".repeat(1000) + "@example.org";
        handle(new StoredMessage("alice", sender, "hi", T0));
        assertThat(deliveries.items(deliveries.unfinished("alice").get(0).id(), 1).get(0).sender())
                .hasSize(255).endsWith("...");
    }

    private OfflineRow row(StoredMessage message) {
        return new OfflineRow(message.username(), nextMessageId++, message.storedAt(), "<message/>");
    }

    @Test
    void aMessageIsQueuedOnEveryActiveChannelDueAfterTheHoldOff() throws Exception {
        settings.save(alice(true, Optional.empty()));
        handle(new StoredMessage("alice", "bob@example.org", "a long first line that is cut\nsecond", T0));
        assertThat(deliveries.unfinished("alice")).extracting(Delivery::channel)
                .containsExactlyInAnyOrder(DeliveryChannel.EMAIL, DeliveryChannel.SMS);
        assertThat(deliveries.unfinished("alice")).allSatisfy(delivery ->
                assertThat(delivery.dueAt()).isEqualTo(T0.plusSeconds(60)));
        assertThat(deliveries.items(deliveries.unfinished("alice").get(0).id(), 10).get(0).excerpt())
                .isEqualTo("a long first line...");
    }

    @Test
    void strangersDoNotCostAnSmsUnlessTheUserAllowsIt() throws Exception {
        settings.save(alice(false, Optional.empty()));
        handle(new StoredMessage("alice", "spam@elsewhere.net", "buy", T0));
        assertThat(deliveries.unfinished("alice")).extracting(Delivery::channel).containsExactly(DeliveryChannel.EMAIL);
        settings.save(alice(true, Optional.empty()));
        handle(new StoredMessage("alice", "spam@elsewhere.net", "buy now", T0));
        assertThat(deliveries.unfinished("alice")).extracting(Delivery::channel).contains(DeliveryChannel.SMS);
    }

    @Test
    void quietHoursMoveTheDueTimeToTheirEnd() throws Exception {
        settings.save(alice(true, Optional.of(new QuietHours(LocalTime.of(9, 0), LocalTime.of(12, 0)))));
        handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        assertThat(deliveries.unfinished("alice")).allSatisfy(delivery ->
                assertThat(delivery.dueAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z")));
    }

    @Test
    void nothingIsQueuedForUsersWithoutSettingsOnlineUsersOrWhenDisabled() throws Exception {
        handle(new StoredMessage("nobody", "bob@example.org", "hi", T0));
        assertThat(deliveries.unfinished("nobody")).isEmpty();
        settings.save(alice(true, Optional.empty()));
        sessions.online().add("alice");
        handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        sessions.online().clear();
        enabled = false;
        handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        assertThat(deliveries.unfinished("alice")).isEmpty();
    }

    @Test
    void aMessageDeliveredWhileAwayIsRelayedOnlyToUsersAwayLongEnoughWhoChoseIt() throws Exception {
        sessions.online().add("alice");
        StoredMessage message = new StoredMessage("alice", "bob@example.org", "are you there?", T0);
        settings.save(alice(true, Optional.empty()));
        intake.takeWhileAway(message, T0.minusSeconds(3600));
        assertThat(deliveries.unfinished("alice")).as("not chosen").isEmpty();

        settings.save(alice(true, Optional.empty()).withChoices(Set.of(DeliveryChannel.EMAIL), Duration.ofSeconds(60),
                true, Optional.empty(), ZoneId.of("UTC"), true, Optional.of(Duration.ofMinutes(10))));
        intake.takeWhileAway(message, T0.minusSeconds(599));
        assertThat(deliveries.unfinished("alice")).as("away for less than ten minutes").isEmpty();
        sessions.present().add("alice");
        intake.takeWhileAway(message, T0.minusSeconds(600));
        assertThat(deliveries.unfinished("alice")).as("back at a device meanwhile").isEmpty();
        sessions.present().clear();
        intake.takeWhileAway(message, T0.minusSeconds(600));
        assertThat(deliveries.unfinished("alice")).singleElement().satisfies(delivery -> {
            assertThat(delivery.channel()).isEqualTo(DeliveryChannel.EMAIL);
            assertThat(delivery.dueAt()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void aDigestKeepsOnlyTheMessagesItShowsAndCountsTheRest() throws Exception {
        settings.save(awayAlice(true));
        for (int i = 0; i < 30; i++) {
            intake.takeWhileAway(new StoredMessage("alice", "bob@example.org", "flood " + i, T0.plusMillis(i)),
                    T0.minusSeconds(3600));
        }
        assertThat(deliveries.unfinished("alice")).singleElement().satisfies(digest -> {
            assertThat(digest.itemCount()).isEqualTo(30);
            assertThat(deliveries.items(digest.id(), 100)).extracting(DigestItem::excerpt)
                    .containsExactly("flood 0", "flood 1", "flood 2", "flood 3", "flood 4");
        });
    }

    @Test
    void pastTheDailyMessageCapNothingMoreIsTakenAndTheUserIsToldOnce() throws Exception {
        messagesDailyCap = 8;
        settings.save(awayAlice(false));
        for (int i = 0; i < 20; i++) {
            intake.takeWhileAway(new StoredMessage("alice", "bob@example.org", "flood " + i, T0.plusMillis(i)),
                    T0.minusSeconds(3600));
        }
        assertThat(deliveries.unfinished("alice")).as("one delivery per message without batching").hasSize(8);
        assertThat(notices).singleElement().asString().startsWith("alice: More than 8 messages for you in 24 hours:"
                + " further messages are not relayed by email");

        clock.advance(LimitConfig.DAY.plusSeconds(1));
        Instant later = clock.instant();
        intake.takeWhileAway(new StoredMessage("alice", "bob@example.org", "next day", later),
                later.minusSeconds(3600));
        assertThat(deliveries.unfinished("alice")).as("a day later the cap has room again").hasSize(9);
    }

    @Test
    void comingOnlineCancelsWhatWasWaiting() throws Exception {
        settings.save(alice(true, Optional.empty()));
        handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        assertThat(intake.userOnline("alice")).isEqualTo(2);
        assertThat(deliveries.unfinished("alice")).isEmpty();
    }

    /** Alice, reached by email once away for ten minutes, with or without batching. */
    private static NotifySettings awayAlice(boolean digest) {
        return alice(true, Optional.empty()).withChoices(Set.of(DeliveryChannel.EMAIL), Duration.ofSeconds(60),
                digest, Optional.empty(), ZoneId.of("UTC"), true, Optional.of(Duration.ofMinutes(10)));
    }

    private static NotifySettings alice(boolean paidFromNonContacts, Optional<QuietHours> quiet) {
        return new NotifySettings("alice", Optional.of("alice@example.org"), Optional.of("+4915112345678"),
                Optional.empty(),
                Set.of(DeliveryChannel.EMAIL, DeliveryChannel.SMS), Duration.ofSeconds(60), true, quiet,
                ZoneId.of("UTC"), paidFromNonContacts, Optional.empty());
    }
}
