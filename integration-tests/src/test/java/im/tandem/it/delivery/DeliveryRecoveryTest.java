package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifyChannel;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.client.notify.SettingsChange;
import im.tandem.it.Holds;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireExtension;

import jakarta.mail.internet.MimeMessage;

/**
 * The queue survives an SMTP outage, a SIGKILL of Openfire and the plugin being away: nothing lost, nothing
 * sent twice.
 */
@Tag("server")
class DeliveryRecoveryTest {
    static final MailServer MAIL = MailServer.start();
    static final SmtpProxy PROXY = SmtpProxy.to(MAIL);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(RelayServer.settings()
            .property("mail.smtp.host", "127.0.0.1")
            .property("mail.smtp.port", Integer.toString(PROXY.port()))
            .property("admin.authorizedJIDs", "boss@localhost")
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw").user("dave", "dave-pw")
            .user("erin", "erin-pw").user("fred", "fred-pw").user("boss", "boss-pw").build());
    /** Openfire's plugin monitor scans every 5 s in development mode; unloading takes a scan or two. */
    private static final Duration RELOAD_LIMIT = Duration.ofSeconds(40);

    @AfterAll
    static void stopServers() {
        PROXY.close();
        MAIL.close();
    }

    @Test
    void whileTheSmtpServerIsDownTheDigestIsRetriedAndOnceItIsBackItIsDeliveredOnce() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            optInAndGoOffline(bob, "alice");
            MAIL.down();
            int connectionsBefore = PROXY.connections();
            bob.send(jid("alice"), "the server is down, isn't it?");

            awaitQueue("email_retry", "1");
            await().atMost(RelayServer.WAIT).untilAsserted(() -> assertThat(PROXY.connections() - connectionsBefore)
                    .as("attempts while the SMTP server was down").isGreaterThanOrEqualTo(2));
            MAIL.up();
            MimeMessage digest = MAIL.awaitBy("alice@example.test", 2, RelayServer.WAIT).get(1);
            assertThat(Mails.parts(digest, "text/plain").get(0)).contains("the server is down, isn't it?");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(MAIL.receivedBy("alice@example.test"))
                    .as("delivered once").hasSize(2));
            awaitQueue("email_retry", "0");
        } finally {
            MAIL.up();
        }
    }

    @Test
    void afterASigkillWithDeliveriesPendingAndInFlightEachIsDeliveredExactlyOnce() throws Exception {
        OPENFIRE.server().befriend("carol", "bob");
        int messages = 5;
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient carol = OPENFIRE.login("carol")) {
                RelayServer.optInByEmail(carol, MAIL, "carol@example.test");
                assertThat(new NotifySettingsClient(carol.connection()).update(new SettingsChange()
                        .digest(false).holdOff(Duration.ofSeconds(1))).errors()).isEmpty();
            }
            RelayServer.awaitOffline(bob, jid("carol"));
            PROXY.stall();
            for (int i = 1; i <= messages; i++) {
                bob.send(jid("carol"), "message " + i);
            }
            // Two senders (the default) each hold a delivery in the stalled SMTP session; the rest wait.
            PROXY.awaitHeld(2, RelayServer.WAIT);
            CommandOutcome queue = awaitQueue("email_sending", "2");
            assertThat(queue.field("email_holding")).isEqualTo(Integer.toString(messages - 2));
            assertThat(queue.field("intake_dropped")).isEqualTo("0");
        }
        OPENFIRE.server().kill();
        PROXY.release();
        OPENFIRE.server().startAgain();

        MAIL.awaitBy("carol@example.test", 1 + messages, Duration.ofSeconds(40));
        Holds.throughout(Duration.ofSeconds(3), () -> assertThat(MAIL.receivedBy("carol@example.test"))
                .as("the code and one email per message").hasSize(1 + messages));
        List<MimeMessage> received = MAIL.receivedBy("carol@example.test");
        Set<String> ids = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        for (MimeMessage digest : received.subList(1, received.size())) {
            ids.add(Mails.header(digest, "X-Tandem-Delivery"));
            bodies.add(Mails.parts(digest, "text/plain").get(0).lines().filter(line -> line.matches(".* message [0-9]+"))
                    .findFirst().orElseThrow().replaceAll(".* (message [0-9]+)", "$1"));
        }
        assertThat(ids).as("distinct delivery ids").hasSize(messages);
        assertThat(bodies).containsExactlyInAnyOrder("message 1", "message 2", "message 3", "message 4", "message 5");
        awaitQueue("email_sending", "0");
    }

    /**
     * Openfire's EmailService has no SMTP timeouts: a server that accepts and then says nothing must cost a
     * retry, not a worker thread. Each silent session is given up after the timeout and the delivery retried
     * on a new connection; once the server answers, the digest goes out once.
     */
    @Test
    void anSmtpServerThatAcceptsButNeverAnswersCostsRetriesAndTheDigestGoesOutOnceItAnswers() throws Exception {
        OPENFIRE.server().befriend("fred", "bob");
        OPENFIRE.server().setProperty("tandem.notify.email.timeout.seconds", "2");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            optInAndGoOffline(bob, "fred");
            PROXY.stall();
            bob.send(jid("fred"), "is the mail server asleep?");
            PROXY.awaitHeld(2, RelayServer.WAIT);
            awaitQueue("email_retry", "1");
            PROXY.release();
            MimeMessage digest = MAIL.awaitBy("fred@example.test", 2, RelayServer.WAIT).get(1);
            assertThat(Mails.parts(digest, "text/plain").get(0)).contains("is the mail server asleep?");
            awaitQueue("email_retry", "0");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(MAIL.receivedBy("fred@example.test"))
                    .as("the code and one digest").hasSize(2));
        } finally {
            PROXY.release();
            OPENFIRE.server().deleteProperty("tandem.notify.email.timeout.seconds");
        }
    }

    /**
     * The plugin reads what to relay from Openfire's offline store, not from memory: a message Openfire stored
     * while the plugin was not running (a crash between storing and queueing is the same case) is relayed
     * once the plugin runs again.
     */
    @Test
    void aMessageStoredWhileThePluginWasNotRunningIsRelayedWhenItRunsAgain() throws Exception {
        OPENFIRE.server().befriend("erin", "bob");
        Path log = OPENFIRE.server().home().logFile();
        try (TandemClient bob = OPENFIRE.login("bob")) {
            optInAndGoOffline(bob, "erin");
            int unloads = occurrences(log, "Tandem plugin 0.1.0 unloaded");
            OPENFIRE.server().home().uninstallPlugin();
            awaitLog(log, "Tandem plugin 0.1.0 unloaded", unloads + 1);
            bob.send(jid("erin"), "stored while the plugin was away");
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(2), () -> assertThat(MAIL.receivedBy("erin@example.test"))
                    .as("only the code, while the plugin is away").hasSize(1));

            int loads = occurrences(log, "Tandem plugin 0.1.0 loaded");
            OPENFIRE.server().home().installPlugin(HarnessPaths.pluginJar());
            awaitLog(log, "Tandem plugin 0.1.0 loaded", loads + 1);
            MimeMessage digest = MAIL.awaitBy("erin@example.test", 2, RelayServer.WAIT).get(1);
            assertThat(Mails.parts(digest, "text/plain").get(0)).contains("stored while the plugin was away");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(MAIL.receivedBy("erin@example.test"))
                    .as("relayed once").hasSize(2));
        }
    }

    private static int occurrences(Path log, String line) throws Exception {
        return (int) Files.readAllLines(log).stream().filter(text -> text.contains(line)).count();
    }

    private static void awaitLog(Path log, String line, int count) throws Exception {
        Instant deadline = Instant.now().plus(RELOAD_LIMIT);
        while (occurrences(log, line) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Openfire's log never said '" + line + "' " + count + " times");
            }
            Thread.sleep(250);
        }
    }

    @Test
    void anAdminRetriesOrPurgesFailedDeliveries() throws Exception {
        OPENFIRE.server().befriend("dave", "bob");
        OPENFIRE.server().setProperty("tandem.notify.retry.attempts", "1");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            optInAndGoOffline(bob, "dave");
            MAIL.down();
            bob.send(jid("dave"), "this one fails first");
            awaitQueue("email_failed", "1");

            MAIL.up();
            try (TandemClient boss = OPENFIRE.login("boss")) {
                CommandOutcome retried = new NotifySettingsClient(boss.connection())
                        .retryFailed(Optional.of(NotifyChannel.EMAIL));
                assertThat(retried.infos()).containsExactly("Retrying 1 failed delivery.");
            }
            MimeMessage digest = MAIL.awaitBy("dave@example.test", 2, RelayServer.WAIT).get(1);
            assertThat(Mails.parts(digest, "text/plain").get(0)).contains("this one fails first");
            awaitQueue("email_failed", "0");

            MAIL.down();
            bob.send(jid("dave"), "this one is purged");
            awaitQueue("email_failed", "1");
            MAIL.up();
            try (TandemClient boss = OPENFIRE.login("boss")) {
                assertThat(new NotifySettingsClient(boss.connection()).purgeFailed(Optional.empty()).infos())
                        .containsExactly("Deleted 1 failed delivery.");
            }
            awaitQueue("email_failed", "0");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(MAIL.receivedBy("dave@example.test"))
                    .as("the purged delivery never went out").hasSize(2));
        } finally {
            MAIL.up();
            OPENFIRE.server().setProperty("tandem.notify.retry.attempts", "10");
        }
    }

    /** The user verifies user@example.test as their email address and logs out; the observer sees them leave. */
    private static void optInAndGoOffline(TandemClient observer, String user) throws Exception {
        try (TandemClient client = OPENFIRE.login(user)) {
            RelayServer.optInByEmail(client, MAIL, user + "@example.test");
        }
        RelayServer.awaitOffline(observer, jid(user));
    }

    /** Polls the admin queue command until the field has the value. */
    private static CommandOutcome awaitQueue(String field, String value) throws Exception {
        Instant deadline = Instant.now().plus(RelayServer.WAIT);
        try (TandemClient boss = OPENFIRE.login("boss")) {
            NotifySettingsClient admin = new NotifySettingsClient(boss.connection());
            while (true) {
                CommandOutcome queue = admin.queue();
                if (queue.field(field).equals(value)) {
                    return queue;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("queue field " + field + " never became " + value + ": " + queue.fields());
                }
                Thread.sleep(200);
            }
        }
    }

    private static EntityBareJid jid(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + OPENFIRE.server().domain());
    }
}
