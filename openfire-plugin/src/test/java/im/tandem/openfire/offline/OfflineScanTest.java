package im.tandem.openfire.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.jivesoftware.openfire.OfflineMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

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
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.storage.Sql;
import im.tandem.openfire.testing.TestClock;
import im.tandem.openfire.testing.TestDatabase;

/** Messages are read from Openfire's offline store itself, so none is lost between its report and the queue. */
class OfflineScanTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    /** Long enough never to fire during a test: the tests ask for scans themselves. */
    private static final Duration NO_RESCAN = Duration.ofHours(1);

    private final TestClock clock = new TestClock(T0);
    private TestDatabase database;
    private DeliveryStore deliveries;
    private OfflineBacklog backlog;
    private Intake intake;
    private OfflineScan scan;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.create();
        SettingsStore settings = new SettingsStore(database, clock);
        settings.save(new NotifySettings("alice", Optional.of("alice@example.org"), Optional.empty(),
                Optional.empty(),
                Set.of(DeliveryChannel.EMAIL), Duration.ofSeconds(30), true, Optional.empty(), ZoneId.of("UTC"), false,
                Optional.empty()));
        deliveries = new DeliveryStore(database);
        backlog = new OfflineBacklog(database);
        DeliveryConfig config = new DeliveryConfig(true, Duration.ofSeconds(1), 10, Duration.ofSeconds(30),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1), 5, 200, 160, "", Duration.ofDays(1));
        TriggerRule rule = new TriggerRule("example.org");
        intake = new Intake(10);
        LimitConfig limits = new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 60, 200, 100, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+49"));
        scan = new OfflineScan(backlog, rule, new DigestIntake(database, settings, deliveries, (user, sender) -> true,
                user -> false, () -> config, () -> limits,
                new CapNotices((user, text) -> { }, new RateLimiter(database)), clock), intake, clock, Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        scan.stop();
        intake.stop();
    }

    @Test
    void whatWasStoredWhileThePluginWasNotRunningIsTakenAtStart() throws Exception {
        database.storeOffline("alice", 7, T0, chat("alice", "sent before the crash"));
        scan.start(NO_RESCAN);
        intake.stop();
        assertThat(excerpts()).containsExactly("sent before the crash");
        assertThat(deliveries.unfinished("alice").get(0).dueAt()).as("the hold-off counts from when it was stored")
                .isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void bothFormsOfOpenfiresReportAskForAScanThatTakesEachStoredMessageOnce() throws Exception {
        OfflineTrigger trigger = new OfflineTrigger(new TriggerRule("example.org"), scan);
        database.storeOffline("alice", 1, T0, chat("alice", "old callback"));
        trigger.messageStored(message(chat("alice", "old callback")));
        database.storeOffline("alice", 2, T0, chat("alice", "new callback"));
        trigger.messageStored(new OfflineMessage(new Date(), message(chat("alice", "new callback")).getElement()));
        scan.request();
        intake.stop();
        assertThat(excerpts()).containsExactly("old callback", "new callback");
    }

    @Test
    void aReportOfAMessageThatCannotBeRelayedAsksForNoScan() throws Exception {
        OfflineTrigger trigger = new OfflineTrigger(new TriggerRule("example.org"), scan);
        database.storeOffline("alice", 1, T0, chat("alice", "waiting for a scan"));
        Message receipt = message(chat("alice", "x"));
        receipt.setBody(null);
        trigger.messageStored(receipt);
        intake.stop();
        assertThat(deliveries.unfinished("alice")).isEmpty();
    }

    @Test
    void onlyUsersWithSettingsAreRead() throws Exception {
        database.storeOffline("nobody", 1, T0, chat("nobody", "not opted in"));
        assertThat(backlog.untaken(10, T0)).isEmpty();
    }

    @Test
    void anUnreadableStoredMessageIsTakenWithoutRelayAndTheOthersGoOn() throws Exception {
        database.storeOffline("alice", 1, T0, "<message to='alice@example.org' from='bob@example.org/x'><body>");
        database.storeOffline("alice", 2, T0, "<message to='@@@' from='bob@example.org/x'><body>bad</body></message>");
        database.storeOffline("alice", 3, T0, "<presence/>");
        database.storeOffline("alice", 4, T0, chat("alice", "fine"));
        scan.request();
        intake.stop();
        assertThat(excerpts()).containsExactly("fine");
        assertThat(backlog.untaken(10, T0)).isEmpty();
    }

    @Test
    void aMessageTheQueueRefusesDoesNotHoldUpTheOthersInItsBatch() throws Exception {
        try (Connection connection = database.open()) {
            Sql.update(connection, "ALTER TABLE tdmDeliveryItem ADD CONSTRAINT no_poison CHECK (excerpt <> 'poison')");
        }
        database.storeOffline("alice", 1, T0, chat("alice", "before"));
        database.storeOffline("alice", 2, T0, chat("alice", "poison"));
        database.storeOffline("alice", 3, T0, chat("alice", "after"));
        scan.request();
        intake.stop();
        assertThat(excerpts()).containsExactly("before", "after");
        assertThat(backlog.untaken(10, T0)).as("left for the next scan").extracting(OfflineRow::messageId)
                .containsExactly(2L);
    }

    @Test
    void messagesHandedOverAtLoginAreForgotten() throws Exception {
        database.storeOffline("alice", 1, T0, chat("alice", "one"));
        scan.request();
        intake.stop();
        assertThat(backlog.forgetGone()).isZero();
        database.handOver("alice");
        assertThat(backlog.forgetGone()).isEqualTo(1);
        try (Connection connection = database.open()) {
            assertThat(Sql.count(connection, "SELECT COUNT(*) FROM tdmOfflineSeen")).isZero();
        }
    }

    private List<String> excerpts() throws Exception {
        List<Delivery> queued = deliveries.unfinished("alice");
        assertThat(queued).hasSize(1);
        return deliveries.items(queued.get(0).id(), 10).stream().map(DigestItem::excerpt).toList();
    }

    private static String chat(String user, String body) {
        Message message = new Message();
        message.setType(Message.Type.chat);
        message.setFrom("bob@example.org/phone");
        message.setTo(user + "@example.org");
        message.setBody(body);
        return message.toXML();
    }

    private static Message message(String xml) throws Exception {
        return new Message(DocumentHelper.parseText(xml).getRootElement());
    }
}
