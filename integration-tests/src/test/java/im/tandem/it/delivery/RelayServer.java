package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityBareJid;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifyChannel;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;

/** A harnessed Openfire set up for the relay tests: timings in seconds, email to the test's SMTP server. */
public final class RelayServer {
    /** Generous for a loaded CI machine; the relay itself needs about a second past the hold-off. */
    public static final Duration WAIT = Duration.ofSeconds(20);
    /** The shortest hold-off a user may pick in these tests, and the default. */
    public static final Duration HOLD_OFF = Duration.ofSeconds(2);

    private RelayServer() {
    }

    /** The timings, and email to the test's SMTP server (Openfire's own mail.smtp settings). */
    public static OpenfireSettings.Builder settings(MailServer mail) {
        return settings()
                .property("mail.smtp.host", "127.0.0.1")
                .property("mail.smtp.port", Integer.toString(mail.port()));
    }

    /** Hold-off, polling, retries and leases in seconds rather than minutes. */
    public static OpenfireSettings.Builder settings() {
        return OpenfireSettings.builder()
                .property("tandem.notify.holdoff.min.seconds", "1")
                .property("tandem.notify.holdoff.default.seconds", Long.toString(HOLD_OFF.toSeconds()))
                .property("tandem.notify.worker.poll.millis", "200")
                .property("tandem.notify.retry.base.seconds", "1")
                .property("tandem.notify.retry.max.seconds", "2")
                .property("tandem.notify.lease.seconds", "5");
    }

    /** Sets and verifies an email address through the commands, reading the code from the SMTP server. */
    static void optInByEmail(TandemClient client, MailServer mail, String address) throws Exception {
        optInByEmail(client.connection(), mail, address);
    }

    /** The same over any logged-in connection, such as a {@link Silent} one. */
    public static void optInByEmail(XMPPConnection connection, MailServer mail, String address) throws Exception {
        NotifySettingsClient notify = new NotifySettingsClient(connection);
        int before = mail.receivedBy(address).size();
        CommandOutcome requested = notify.requestCode(NotifyChannel.EMAIL, address);
        assertThat(requested.errors()).as("requesting a code for %s", address).isEmpty();
        String code = Mails.code(mail.awaitBy(address, before + 1, WAIT).get(before));
        CommandOutcome verified = notify.verify(NotifyChannel.EMAIL, code);
        assertThat(verified.errors()).as("verifying %s", address).isEmpty();
        assertThat(verified.infos()).anySatisfy(info -> assertThat(info).contains(address).contains("verified"));
    }

    /** A logged-in session that never sends presence: it runs commands without counting as online. */
    static Silent silent(OpenfireExtension openfire, String username) throws Exception {
        return silent(openfire.server(), username, openfire.passwordOf(username));
    }

    /** The same on a server the test started itself. */
    public static Silent silent(OpenfireProcess server, String username, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHost(server.host())
                .setPort(server.clientPort())
                .setUsernameAndPassword(username, password)
                .setResource("silent")
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setSendPresence(false)
                .build());
        connection.setReplyTimeout(RelayServer.WAIT.toMillis());
        connection.connect().login();
        return new Silent(connection);
    }

    /** A session without presence; closing it disconnects. */
    public record Silent(XMPPTCPConnection connection) implements AutoCloseable {
        @Override
        public void close() {
            connection.disconnect();
        }
    }

    /** Waits until the observer (a contact) sees the user go offline, so that messages are stored offline. */
    public static void awaitOffline(TandemClient observer, EntityBareJid who) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (observer.contact(who).available()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(who + " still looks online after " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
