package im.tandem.openfire.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.delivery.Backoff;
import im.tandem.openfire.delivery.Delivery;
import im.tandem.openfire.delivery.DeliveryConfig;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.notify.Channel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.QuietHours;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.testing.TestClock;
import im.tandem.openfire.testing.TestDatabase;

class DigestIntakeTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final Set<String> online = new HashSet<>();
    private SettingsStore settings;
    private DeliveryStore deliveries;
    private DigestIntake intake;
    private boolean enabled = true;

    @BeforeEach
    void setUp() throws Exception {
        TestDatabase database = TestDatabase.create();
        settings = new SettingsStore(database, clock);
        deliveries = new DeliveryStore(database);
        intake = new DigestIntake(settings, deliveries, (user, sender) -> sender.equals("bob@example.org"),
                online::contains, () -> new DeliveryConfig(enabled, Duration.ofSeconds(1), 10, Duration.ofSeconds(30),
                        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1), 5, 20, 160, "", Duration.ofDays(1)),
                clock);
    }

    @Test
    void aMessageIsQueuedOnEveryActiveChannelDueAfterTheHoldOff() throws Exception {
        settings.save(alice(true, Optional.empty()));
        intake.handle(new StoredMessage("alice", "bob@example.org", "a long first line that is cut\nsecond", T0));
        assertThat(deliveries.unfinished("alice")).extracting(Delivery::channel)
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
        assertThat(deliveries.unfinished("alice")).allSatisfy(delivery ->
                assertThat(delivery.dueAt()).isEqualTo(T0.plusSeconds(60)));
        assertThat(deliveries.items(deliveries.unfinished("alice").get(0).id(), 10).get(0).excerpt())
                .isEqualTo("a long first line...");
    }

    @Test
    void strangersDoNotCostAnSmsUnlessTheUserAllowsIt() throws Exception {
        settings.save(alice(false, Optional.empty()));
        intake.handle(new StoredMessage("alice", "spam@elsewhere.net", "buy", T0));
        assertThat(deliveries.unfinished("alice")).extracting(Delivery::channel).containsExactly(Channel.EMAIL);
        settings.save(alice(true, Optional.empty()));
        intake.handle(new StoredMessage("alice", "spam@elsewhere.net", "buy now", T0));
        assertThat(deliveries.unfinished("alice")).extracting(Delivery::channel).contains(Channel.SMS);
    }

    @Test
    void quietHoursMoveTheDueTimeToTheirEnd() throws Exception {
        settings.save(alice(true, Optional.of(new QuietHours(LocalTime.of(9, 0), LocalTime.of(12, 0)))));
        intake.handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        assertThat(deliveries.unfinished("alice")).allSatisfy(delivery ->
                assertThat(delivery.dueAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z")));
    }

    @Test
    void nothingIsQueuedForUsersWithoutSettingsOnlineUsersOrWhenDisabled() throws Exception {
        intake.handle(new StoredMessage("nobody", "bob@example.org", "hi", T0));
        assertThat(deliveries.unfinished("nobody")).isEmpty();
        settings.save(alice(true, Optional.empty()));
        online.add("alice");
        intake.handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        online.clear();
        enabled = false;
        intake.handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        assertThat(deliveries.unfinished("alice")).isEmpty();
    }

    @Test
    void comingOnlineCancelsWhatWasWaiting() throws Exception {
        settings.save(alice(true, Optional.empty()));
        intake.handle(new StoredMessage("alice", "bob@example.org", "hi", T0));
        assertThat(intake.userOnline("alice")).isEqualTo(2);
        assertThat(deliveries.unfinished("alice")).isEmpty();
    }

    private static NotifySettings alice(boolean smsFromNonContacts, Optional<QuietHours> quiet) {
        return new NotifySettings("alice", Optional.of("alice@example.org"), Optional.of("+4915112345678"),
                Set.of(Channel.EMAIL, Channel.SMS), Duration.ofSeconds(60), true, quiet, ZoneId.of("UTC"),
                smsFromNonContacts);
    }
}
