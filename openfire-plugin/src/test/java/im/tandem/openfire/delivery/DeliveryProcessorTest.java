package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.QuietHours;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.pdf.FaxPage;
import im.tandem.openfire.storage.Sql;
import im.tandem.openfire.testing.TestClock;
import im.tandem.openfire.testing.TestDatabase;
import im.tandem.openfire.testing.TestSessions;

/** One claimed delivery worked to its next state, against a real database and scripted senders. */
class DeliveryProcessorTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 3);

    private final TestClock clock = new TestClock(T0);
    private final ScriptedSender email = new ScriptedSender();
    private final ScriptedSender sms = new ScriptedSender();
    private final ScriptedSender fax = new ScriptedSender();
    private final List<String> notices = new ArrayList<>();
    private final TestSessions sessions = new TestSessions();
    private TestDatabase database;
    private DeliveryStore store;
    private SettingsStore settings;
    private LimitConfig limits = limits(50, 10, 100);
    private DeliveryProcessor processor;
    private int claims;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.create();
        store = new DeliveryStore(database);
        settings = new SettingsStore(database, clock);
        DeliveryConfig config = new DeliveryConfig(true, Duration.ofSeconds(1), 10, LEASE, BACKOFF, 5, 200, 160, "",
                Duration.ofDays(30));
        processor = new DeliveryProcessor(store, settings, sessions,
                new CapNotices((user, text) -> notices.add(user + ": " + text), new RateLimiter(database)),
                new RateLimiter(database),
                Map.of(DeliveryChannel.EMAIL, email, DeliveryChannel.SMS, sms, DeliveryChannel.FAX, fax), () -> config,
                () -> limits,
                "example.org", clock);
        settings.save(alice());
    }

    @Test
    void aDueDigestIsSentToTheVerifiedAddressAndMarkedSent() throws Exception {
        String id = digest(DeliveryChannel.EMAIL, "hello");
        runDue();
        assertThat(email.sent).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo(id);
            assertThat(message.destination()).isEqualTo("alice@example.org");
            assertThat(message.subject()).contains("1 new message for alice@example.org while you were away");
            assertThat(message.text()).contains("hello");
        });
        assertThat(state(DeliveryChannel.EMAIL, DeliveryState.SENT)).isEqualTo(1);
    }

    @Test
    void aFailureIsRetriedWithBackoffUntilTheAttemptsRunOut() throws Exception {
        email.script(SendResult.tryAgain("SMTP: connection refused"), SendResult.tryAgain("SMTP: connection refused"),
                SendResult.tryAgain("SMTP: connection refused"));
        digest(DeliveryChannel.EMAIL, "hello");
        runDue();
        assertThat(store.dueIds(clock.instant().plusMillis(999), 10)).as("first retry after 1 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        runDue();
        assertThat(store.dueIds(clock.instant().plusMillis(1999), 10)).as("second retry after 2 s").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        runDue();
        assertThat(email.attempts).isEqualTo(3);
        assertThat(state(DeliveryChannel.EMAIL, DeliveryState.FAILED)).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(store.dueIds(clock.instant(), 10)).isEmpty();
    }

    @Test
    void aFinalRefusalFailsAtOnce() throws Exception {
        sms.script(SendResult.giveUp("SMS gateway answered HTTP 400"));
        digest(DeliveryChannel.SMS, "hello");
        runDue();
        assertThat(state(DeliveryChannel.SMS, DeliveryState.FAILED)).isEqualTo(1);
    }

    @Test
    void aUserWhoIsOnlineGetsNoDigestButStillGetsCodes() throws Exception {
        sessions.online().add("alice");
        digest(DeliveryChannel.EMAIL, "hello");
        store.enqueueCode("alice", DeliveryChannel.EMAIL, "new@example.org", "code", "123456", clock.instant());
        runDue();
        assertThat(email.sent).extracting(OutboundMessage::destination).containsExactly("new@example.org");
        assertThat(state(DeliveryChannel.EMAIL, DeliveryState.CANCELLED)).isEqualTo(1);
    }

    @Test
    void aFailedCodeIsNotRetriedByAnAdmin() throws Exception {
        email.script(SendResult.giveUp("SMTP: 550 no such mailbox"));
        store.enqueueCode("alice", DeliveryChannel.EMAIL, "new@example.org", "code", "123456", clock.instant());
        runDue();
        assertThat(state(DeliveryChannel.EMAIL, DeliveryState.FAILED)).isEqualTo(1);

        assertThat(store.retryFailed(Optional.of(DeliveryChannel.EMAIL), clock.instant())).isZero();
        runDue();
        assertThat(email.attempts).as("only the first attempt reached the sender").isEqualTo(1);
        assertThat(state(DeliveryChannel.EMAIL, DeliveryState.FAILED)).isEqualTo(1);
    }

    @Test
    void aCodeWithoutItsTextIsCancelledNotSentEmpty() throws Exception {
        String id = store.enqueueCode("alice", DeliveryChannel.EMAIL, "new@example.org", "code", "123456",
                clock.instant());
        try (Connection connection = database.open()) {
            Sql.update(connection, "UPDATE tdmDelivery SET subject = NULL, body = NULL WHERE id = ?", id);
        }
        runDue();
        assertThat(email.attempts).isZero();
        assertThat(store.recentFailures(10)).isEmpty();
        assertThat(state(DeliveryChannel.EMAIL, DeliveryState.CANCELLED)).isEqualTo(1);
    }

    @Test
    void aUserReachedWhileAwayGetsTheDigestUntilTheyAreBack() throws Exception {
        settings.save(alice().withChoices(Set.of(DeliveryChannel.EMAIL), Duration.ofSeconds(60), false,
                Optional.empty(), ZoneId.of("UTC"), false, Optional.of(Duration.ofMinutes(10))));
        sessions.online().add("alice");
        digest(DeliveryChannel.EMAIL, "while away");
        runDue();
        assertThat(email.sent).as("online, every device away").hasSize(1);

        sessions.present().add("alice");
        digest(DeliveryChannel.EMAIL, "after coming back");
        runDue();
        assertThat(email.sent).hasSize(1);
        assertThat(state(DeliveryChannel.EMAIL, DeliveryState.CANCELLED)).isEqualTo(1);
    }

    @Test
    void aChannelSwitchedOffMeanwhileCancelsItsDigests() throws Exception {
        digest(DeliveryChannel.SMS, "hello");
        settings.save(alice().withChoices(Set.of(DeliveryChannel.EMAIL), Duration.ofSeconds(60), true, Optional.empty(),
                ZoneId.of("UTC"), false, Optional.empty()));
        runDue();
        assertThat(sms.sent).isEmpty();
        assertThat(state(DeliveryChannel.SMS, DeliveryState.CANCELLED)).isEqualTo(1);
    }

    @Test
    void quietHoursDeferWithoutUsingAnAttempt() throws Exception {
        settings.save(alice().withChoices(Set.of(DeliveryChannel.EMAIL), Duration.ofSeconds(60), true,
                Optional.of(new QuietHours(LocalTime.of(9, 0), LocalTime.of(11, 0))), ZoneId.of("UTC"), false,
                Optional.empty()));
        String id = digest(DeliveryChannel.EMAIL, "hello");
        runDue();
        assertThat(email.sent).isEmpty();
        assertThat(store.dueIds(Instant.parse("2024-05-01T10:59:59Z"), 10)).isEmpty();
        assertThat(store.dueIds(Instant.parse("2024-05-01T11:00:00Z"), 10)).containsExactly(id);
        Claim later = store.claim(id, "t/x", Instant.parse("2024-05-01T11:00:00Z"), LEASE).orElseThrow();
        assertThat(later.delivery().attempts()).isEqualTo(1);
        assertThat(later.delivery().lastError()).contains("quiet hours until 11:00");
    }

    @Test
    void theDailyCapRefusesFurtherDigestsAndTellsTheUser() throws Exception {
        limits = limits(50, 1, 100);
        digest(DeliveryChannel.SMS, "first");
        runDue();
        digest(DeliveryChannel.SMS, "second");
        runDue();
        assertThat(sms.sent).hasSize(1);
        assertThat(state(DeliveryChannel.SMS, DeliveryState.FAILED)).isEqualTo(1);
        assertThat(notices).containsExactly("alice: 1 offline message was not sent to you by sms: the daily limit"
                + " of 1 sms digests is reached. (At most one such notice a day for sms.)");
        clock.advance(LimitConfig.DAY.plusSeconds(1));
        digest(DeliveryChannel.SMS, "a day later");
        runDue();
        assertThat(sms.sent).as("the window rolled on").hasSize(2);
    }

    @Test
    void digestsRefusedByTheDailyCapBringOneNoticeADay() throws Exception {
        limits = limits(50, 1, 100);
        for (int i = 0; i < 6; i++) {
            digest(DeliveryChannel.SMS, "message " + i);
            runDue();
        }
        assertThat(sms.sent).hasSize(1);
        assertThat(state(DeliveryChannel.SMS, DeliveryState.FAILED)).isEqualTo(5);
        assertThat(notices).hasSize(1);
        clock.advance(LimitConfig.DAY.plusSeconds(1));
        digest(DeliveryChannel.SMS, "a day later");
        runDue();
        digest(DeliveryChannel.SMS, "over again");
        runDue();
        assertThat(notices).as("a new day, a new notice").hasSize(2);
    }

    @Test
    void smsDigestsDrawOnTheServersDailySmsBudget() throws Exception {
        limits = new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 100, 200, 2, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+49"));
        for (int i = 0; i < 3; i++) {
            digest(DeliveryChannel.SMS, "message " + i);
            runDue();
        }
        digest(DeliveryChannel.EMAIL, "by email");
        runDue();
        assertThat(sms.sent).hasSize(2);
        assertThat(email.sent).as("email is not in the SMS budget").hasSize(1);
        assertThat(notices).singleElement().asString()
                .contains("not sent to you by sms: the daily budget of 2 SMS from this server is used up");
        clock.advance(LimitConfig.DAY.plusSeconds(1));
        digest(DeliveryChannel.SMS, "a day later");
        runDue();
        assertThat(sms.sent).as("the budget rolled on").hasSize(3);
    }

    @Test
    void smsDigestsDrawOnTheDailyBudgetOfTheNumbersCountry() throws Exception {
        limits = new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 100, 200, 100, 1,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+49"));
        digest(DeliveryChannel.SMS, "first");
        runDue();
        digest(DeliveryChannel.SMS, "second");
        runDue();
        assertThat(sms.sent).hasSize(1);
        assertThat(notices).singleElement().asString()
                .contains("the daily budget of 1 SMS to +49 (Germany) is used up");
    }

    @Test
    void aNumberNoLongerAllowedIsRefusedAndTheUserTold() throws Exception {
        limits = new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 100, 200, 100, 50,
                CountryAllowList.of("+43"), 3, CountryAllowList.of("+49"));
        digest(DeliveryChannel.SMS, "hello");
        runDue();
        assertThat(sms.sent).isEmpty();
        assertThat(notices).singleElement().asString().contains("SMS to +4915112345678 is no longer allowed")
                .contains("allowed country codes: +43: Austria");
    }

    @Test
    void aFaxDigestCarriesAPageWithTheServerTheRecipientAndTheMessages() throws Exception {
        digest(DeliveryChannel.FAX, "lunch at noon?");
        runDue();
        OutboundMessage sent = fax.sent.get(0);
        assertThat(sent.destination()).isEqualTo("+4930123456");
        assertThat(sent.page()).isPresent();
        assertThat(sent.page().get().headline()).isEqualTo("1 new message");
        assertThat(sent.page().get().fields()).contains(new FaxPage.Field("Server", "example.org"),
                new FaxPage.Field("To", "alice@example.org"), new FaxPage.Field("From", "bob@example.org"));
        assertThat(sent.page().get().blocks().get(0).lines()).containsExactly("10:00  lunch at noon?");
        assertThat(state(DeliveryChannel.FAX, DeliveryState.SENT)).isEqualTo(1);
    }

    @Test
    void theFaxCapIsItsOwnAndAFaxNumberOutsideTheFaxAllowListIsRefused() throws Exception {
        limits = new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 100, 200, 100, 50,
                CountryAllowList.of("+49"), 1, CountryAllowList.of("+49"));
        digest(DeliveryChannel.FAX, "first");
        digest(DeliveryChannel.SMS, "first");
        runDue();
        digest(DeliveryChannel.FAX, "second");
        digest(DeliveryChannel.SMS, "second");
        runDue();
        assertThat(fax.sent).hasSize(1);
        assertThat(sms.sent).as("the SMS cap is another").hasSize(2);
        assertThat(notices).singleElement().asString().contains("the daily limit of 1 fax digests is reached");

        limits = new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, 50, 10, 100, 200, 100, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+43"));
        clock.advance(LimitConfig.DAY.plusSeconds(1));
        digest(DeliveryChannel.FAX, "third");
        digest(DeliveryChannel.SMS, "third");
        runDue();
        assertThat(fax.sent).hasSize(1);
        assertThat(sms.sent).as("SMS to the same country still go").hasSize(3);
        assertThat(notices).last().asString().contains("A fax to +4930123456 is no longer allowed")
                .contains("allowed country codes: +43: Austria");
    }

    @Test
    void aFaxCodeShowsTheCodeAsTheHeadline() throws Exception {
        store.enqueueCode("alice", DeliveryChannel.FAX, "+4930123456", "Tandem verification code",
                "123456\nYour code to confirm this fax number.", clock.instant());
        runDue();
        FaxPage page = fax.sent.get(0).page().orElseThrow();
        assertThat(page.title()).isEqualTo("Tandem verification code");
        assertThat(page.headline()).isEqualTo("123456");
        assertThat(page.blocks().get(0).lines()).containsExactly("Your code to confirm this fax number.");
    }

    @Test
    void theGlobalCapDefersWithoutUsingAnAttempt() throws Exception {
        limits = limits(50, 10, 1);
        digest(DeliveryChannel.EMAIL, "one");
        runDue();
        String second = digest(DeliveryChannel.EMAIL, "two");
        runDue();
        assertThat(email.sent).hasSize(1);
        assertThat(store.dueIds(clock.instant().plus(DeliveryProcessor.GLOBAL_CAP_WAIT), 10)).containsExactly(second);
    }

    private String digest(DeliveryChannel channel, String text) throws Exception {
        return store.addToDigest("alice", channel, new DigestItem("bob@example.org", text, clock.instant()),
                clock.instant(), false, clock.instant());
    }

    private void runDue() throws Exception {
        for (String id : store.dueIds(clock.instant(), 10)) {
            store.claim(id, "test/" + ++claims, clock.instant(), LEASE).ifPresent(processor::process);
        }
    }

    private long state(DeliveryChannel channel, DeliveryState state) throws Exception {
        return store.counts().get(channel).get(state);
    }

    private static NotifySettings alice() {
        return new NotifySettings("alice", Optional.of("alice@example.org"), Optional.of("+4915112345678"),
                Optional.of("+4930123456"),
                Set.of(DeliveryChannel.EMAIL, DeliveryChannel.SMS, DeliveryChannel.FAX), Duration.ofSeconds(60), true, Optional.empty(),
                ZoneId.of("UTC"), false, Optional.empty());
    }

    private static LimitConfig limits(int emailCap, int smsCap, int perMinute) {
        return new LimitConfig(Duration.ofMinutes(10), 5, 5, 3, emailCap, smsCap, perMinute, 200, 100, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+49"));
    }

    /** A sender that records what it was given and answers as scripted, then with success. */
    private static final class ScriptedSender implements ChannelSender {
        private final Deque<SendResult> script = new ArrayDeque<>();
        private final List<OutboundMessage> sent = new ArrayList<>();
        private int attempts;

        void script(SendResult... results) {
            script.addAll(List.of(results));
        }

        @Override
        public SendResult send(OutboundMessage message) {
            attempts++;
            SendResult result = script.isEmpty() ? SendResult.sent() : script.poll();
            if (result.status() == SendResult.Status.SENT) {
                sent.add(message);
            }
            return result;
        }
    }
}
