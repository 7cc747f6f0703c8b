package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.client.notify.SettingsChange;
import im.tandem.it.Holds;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.openfire.limits.LimitConfig;

import jakarta.mail.internet.MimeMessage;

/** Offline messages reach opted-in users by email, through a real Openfire and a real SMTP server. */
@Tag("server")
class EmailDeliveryTest {
    static final MailServer MAIL = MailServer.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(RelayServer.settings(MAIL)
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw").user("dave", "dave-pw")
            .user("erin", "erin-pw").user("frank", "frank-pw").build());

    @AfterAll
    static void stopMail() {
        MAIL.close();
    }

    @Test
    void aBurstOfOfflineMessagesArrivesAsOneDigestEmailWithAStableMessageId() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient alice = OPENFIRE.login("alice")) {
                RelayServer.optInByEmail(alice, MAIL, "alice@example.test");
                CommandOutcome status = new NotifySettingsClient(alice.connection()).status();
                assertThat(status.field("email")).isEqualTo("alice@example.test");
                assertThat(status.values("channels")).containsExactly("email");
            }
            RelayServer.awaitOffline(bob, jid("alice"));
            bob.send(jid("alice"), "first <line> & more\nsecond line of the first message");
            bob.send(jid("alice"), "are you there?");
            bob.send(jid("alice"), "call me");

            List<MimeMessage> mails = MAIL.awaitBy("alice@example.test", 2, RelayServer.WAIT);
            MimeMessage digest = mails.get(1);
            assertThat(digest.getSubject()).isEqualTo("3 new messages for alice@localhost while you were away");
            String text = Mails.parts(digest, "text/plain").get(0);
            assertThat(text).contains("bob@localhost", "first <line> & more", "are you there?", "call me")
                    .doesNotContain("second line of the first message");
            String html = Mails.parts(digest, "text/html").get(0);
            assertThat(html).contains("first &lt;line&gt; &amp; more").contains("bob@localhost");
            String deliveryId = Mails.header(digest, "X-Tandem-Delivery");
            assertThat(deliveryId).matches("[0-9a-f-]{36}");
            assertThat(Mails.header(digest, "Message-ID")).isEqualTo("<tandem." + deliveryId + "@localhost>");
            assertThat(digest.getFrom()[0].toString()).isEqualTo("noreply@localhost");

            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(2), () -> assertThat(MAIL.receivedBy("alice@example.test"))
                    .as("one digest, not one email per message").hasSize(2));
        }
    }

    @Test
    void comingBackOnlineWithinTheHoldOffCancelsTheEmail() throws Exception {
        OPENFIRE.server().befriend("carol", "bob");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient carol = OPENFIRE.login("carol")) {
                RelayServer.optInByEmail(carol, MAIL, "carol@example.test");
                CommandOutcome saved = new NotifySettingsClient(carol.connection())
                        .update(new SettingsChange().holdOff(Duration.ofSeconds(4)));
                assertThat(saved.errors()).isEmpty();
            }
            RelayServer.awaitOffline(bob, jid("carol"));
            bob.send(jid("carol"), "quick question");
            BlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
            try (TandemClient carol = TandemClient.connect(OPENFIRE.account("carol", "carol-pw").build(),
                    client -> client.onMessage(inbox::add))) {
                IncomingMessage stored = inbox.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(stored).isNotNull();
                assertThat(stored.body()).isEqualTo("quick question");
                await().atMost(RelayServer.WAIT).until(() -> new NotifySettingsClient(carol.connection()).status()
                        .field("waiting").equals("0"));
                Holds.throughout(Duration.ofSeconds(6), () -> assertThat(MAIL.receivedBy("carol@example.test"))
                        .as("past the hold-off: only the verification code").hasSize(1));
            }
        }
    }

    /**
     * A user who chose it is also reached while every device of theirs has been away long enough: the message
     * reaches the device and, after the hold-off, the inbox; coming back within the hold-off cancels the email,
     * and being away for less than the chosen time relays nothing.
     */
    @Test
    void aUserAwayLongEnoughIsReachedByEmailUnlessTheyComeBackWithinTheHoldOff() throws Exception {
        OPENFIRE.server().befriend("erin", "bob");
        Duration awayFor = Duration.ofSeconds(1);
        BlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
        try (TandemClient bob = OPENFIRE.login("bob");
                TandemClient erin = TandemClient.connect(OPENFIRE.account("erin", "erin-pw").build(),
                        client -> client.onMessage(inbox::add))) {
            RelayServer.optInByEmail(erin, MAIL, "erin@example.test");
            NotifySettingsClient settings = new NotifySettingsClient(erin.connection());
            assertThat(settings.update(new SettingsChange().whenAway(awayFor)).errors()).isEmpty();
            assertThat(settings.status().field("away")).isEqualTo("1");

            show(erin, Presence.Mode.away);
            Thread.sleep(awayFor.plusMillis(500).toMillis());
            bob.send(jid("erin"), "are you at your desk?");
            assertThat(inbox.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS).body())
                    .as("the away device still gets it").isEqualTo("are you at your desk?");
            MimeMessage digest = MAIL.awaitBy("erin@example.test", 2, RelayServer.WAIT).get(1);
            assertThat(Mails.parts(digest, "text/plain").get(0)).contains("bob@localhost", "are you at your desk?");

            bob.send(jid("erin"), "never mind");
            assertThat(inbox.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("never mind");
            show(erin, Presence.Mode.available);
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(2), () -> assertThat(MAIL.receivedBy("erin@example.test"))
                    .as("back within the hold-off: no second email").hasSize(2));

            assertThat(settings.update(new SettingsChange().whenAway(Duration.ofMinutes(10))).errors()).isEmpty();
            show(erin, Presence.Mode.xa);
            Thread.sleep(awayFor.plusMillis(500).toMillis());
            bob.send(jid("erin"), "just went away");
            assertThat(inbox.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("just went away");
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(2), () -> assertThat(MAIL.receivedBy("erin@example.test"))
                    .as("away for less than ten minutes: nothing relayed").hasSize(2));
            assertThat(settings.status().field("waiting")).isEqualTo("0");
        }
    }

    /**
     * A flood of messages to an away user is relayed up to the daily message cap, in one digest that counts them,
     * and the user is told once that the rest are not relayed, however many more arrive.
     */
    @Test
    void aFloodToAnAwayUserStopsAtTheDailyMessageCapWithOneNotice() throws Exception {
        OPENFIRE.server().befriend("frank", "bob");
        OPENFIRE.server().setProperty("tandem.notify.cap.messages.daily", "3");
        Duration awayFor = Duration.ofSeconds(1);
        BlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
        BlockingQueue<Message> notices = new LinkedBlockingQueue<>();
        try (TandemClient bob = OPENFIRE.login("bob");
                TandemClient frank = TandemClient.connect(OPENFIRE.account("frank", "frank-pw").build(), client -> {
                    client.onMessage(inbox::add);
                    client.connection().addAsyncStanzaListener(stanza -> notices.add((Message) stanza),
                            MessageTypeFilter.NORMAL);
                })) {
            RelayServer.optInByEmail(frank, MAIL, "frank@example.test");
            NotifySettingsClient settings = new NotifySettingsClient(frank.connection());
            assertThat(settings.update(new SettingsChange().whenAway(awayFor)).errors()).isEmpty();
            show(frank, Presence.Mode.away);
            Thread.sleep(awayFor.plusMillis(500).toMillis());

            for (int i = 1; i <= 8; i++) {
                bob.send(jid("frank"), "flood " + i);
            }
            for (int i = 1; i <= 8; i++) {
                assertThat(inbox.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS).body())
                        .as("the away device still gets each").isEqualTo("flood " + i);
            }
            MimeMessage digest = MAIL.awaitBy("frank@example.test", 2, RelayServer.WAIT).get(1);
            assertThat(digest.getSubject()).isEqualTo("3 new messages for frank@localhost while you were away");
            Message notice = notices.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(notice).as("a notice from the server").isNotNull();
            assertThat(notice.getBody()).startsWith("Tandem: More than 3 messages for you in 24 hours: further"
                    + " messages are not relayed by email");
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(2), () -> {
                assertThat(MAIL.receivedBy("frank@example.test")).as("the code and one digest").hasSize(2);
                assertThat(notices).as("one notice for the five held back").isEmpty();
            });
        } finally {
            OPENFIRE.server().setProperty("tandem.notify.cap.messages.daily",
                    Integer.toString(LimitConfig.DEFAULT_MESSAGES_DAILY_CAP));
        }
    }

    private static void show(TandemClient client, Presence.Mode mode) throws Exception {
        client.connection().sendStanza(client.connection().getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).setMode(mode).build());
    }

    @Test
    void quietHoursDeferTheDigestUntilTheyEndAndEndingThemSendsIt() throws Exception {
        OPENFIRE.server().befriend("dave", "bob");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        ZonedDateTime nowThere = ZonedDateTime.now(tokyo);
        LocalTime start = nowThere.minusHours(1).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime end = nowThere.plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient dave = OPENFIRE.login("dave")) {
                RelayServer.optInByEmail(dave, MAIL, "dave@example.test");
                CommandOutcome saved = new NotifySettingsClient(dave.connection()).update(new SettingsChange()
                        .timeZone(tokyo).quietHours(start, end.toLocalTime()).holdOff(Duration.ofSeconds(1)));
                assertThat(saved.errors()).isEmpty();
            }
            RelayServer.awaitOffline(bob, jid("dave"));
            bob.send(jid("dave"), "good night");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(MAIL.receivedBy("dave@example.test"))
                    .as("held back by quiet hours").hasSize(1));

            // A session without presence runs commands but does not count as coming online.
            try (RelayServer.Silent dave = RelayServer.silent(OPENFIRE, "dave")) {
                NotifySettingsClient notify = new NotifySettingsClient(dave.connection());
                CommandOutcome status = notify.status();
                assertThat(status.field("waiting")).isEqualTo("1");
                assertThat(status.field("messages_email")).isEqualTo("1");
                assertThat(status.field("next_due")).as("the end of the quiet hours in Tokyo")
                        .isEqualTo(end.toInstant().toString());
                assertThat(notify.update(new SettingsChange().noQuietHours()).errors()).isEmpty();
                MimeMessage digest = MAIL.awaitBy("dave@example.test", 2, RelayServer.WAIT).get(1);
                assertThat(Mails.parts(digest, "text/plain").get(0)).contains("good night");
            }
        }
    }

    private static org.jxmpp.jid.EntityBareJid jid(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + OPENFIRE.server().domain());
    }
}
