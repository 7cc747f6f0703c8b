package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.it.delivery.MailServer;
import im.tandem.it.delivery.Mails;
import im.tandem.it.delivery.RelayServer;
import im.tandem.it.openfire.OpenfireExtension;

import jakarta.mail.internet.MimeMessage;

/**
 * {@code /notify} in the chat program, driven line by line as a script would: opting in with the code the real
 * SMTP server received, settings, refusals in the server's words, and an offline message then arriving by email.
 */
@Tag("server")
class ChatNotifyTest {
    static final MailServer MAIL = MailServer.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(RelayServer.settings(MAIL)
            .user("alice", "alice-pw").user("bob", "bob-pw").build());

    @TempDir
    static Path work;

    @AfterAll
    static void stopMail() {
        MAIL.close();
    }

    @Test
    void notifyOptsInWithTheMailedCodeChangesSettingsAndOfflineMessagesThenArriveByEmail() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        String address = "alice@example.test";
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
                alice.await("connected ");
                alice.type("/notify");
                assertThat(alice.await("notify ")).isEqualTo("notify status email=- phone=- fax=- channels=- holdoff="
                        + RelayServer.HOLD_OFF.toSeconds() + "s digest=on quiet=- zone=UTC strangers=off waiting=0 away=-");

                alice.type("/notify email " + address);
                assertThat(alice.await("notify ")).isEqualTo("notify ok A 6-digit code is on its way to " + address
                        + "; it is valid for 10 minutes. Enter it with the verify command.");
                String code = Mails.code(MAIL.awaitBy(address, 1, RelayServer.WAIT).get(0));
                alice.type("/notify verify " + (code.equals("000000") ? "111111" : "000000"));
                assertThat(alice.await("notify ")).isEqualTo("notify refused Wrong code; 4 attempts left.");
                alice.type("/notify verify " + code);
                assertThat(alice.await("notify ")).isEqualTo("notify ok " + address
                        + " is verified; offline messages will also reach you by email.");

                alice.type("/notify quiet 22:00-07:00 Europe/Berlin");
                assertThat(alice.await("notify ")).isEqualTo("notify ok Saved.");
                alice.type("/notify digest off");
                assertThat(alice.await("notify ")).isEqualTo("notify ok Saved.");
                alice.type("/notify channels none");
                assertThat(alice.await("notify ")).isEqualTo("notify ok Saved.");
                alice.type("/notify away 10m");
                assertThat(alice.await("notify ")).isEqualTo("notify ok Saved.");
                alice.type("/notify");
                assertThat(alice.await("notify ")).isEqualTo("notify status email=" + address + " phone=- fax=- channels=-"
                        + " holdoff=" + RelayServer.HOLD_OFF.toSeconds() + "s digest=off quiet=22:00-07:00"
                        + " zone=Europe/Berlin strangers=off waiting=0 away=600s");

                alice.type("/notify sms 0151 1234567");
                assertThat(alice.await("notify ")).isEqualTo("notify refused address: '0151 1234567' needs the"
                        + " country code with a +, as in +4915112345678 (E.164)");
                alice.type("/notify channels email,sms");
                assertThat(alice.await("notify ")).isEqualTo("notify refused channels: sms has no verified address"
                        + " yet; set one with the address command first Nothing was changed.");
                alice.type("/notify holdoff 48h");
                assertThat(alice.await("notify ")).isEqualTo("notify refused holdoff: must be a whole number of"
                        + " seconds from 1 to 86400, got '172800' Nothing was changed.");
                alice.type("/notify holdoff soon");
                assertThat(alice.await("error ")).isEqualTo("error 'soon' is not a duration such as 90s, 5m, 1h or 5"
                        + " (minutes)");

                alice.type("/notify channels email");
                assertThat(alice.await("notify ")).isEqualTo("notify ok Saved.");
                alice.type("/notify quiet off");
                assertThat(alice.await("notify ")).isEqualTo("notify ok Saved.");
            }
            RelayServer.awaitOffline(bob, JidCreate.entityBareFrom("alice@localhost"));
            bob.send(JidCreate.entityBareFrom("alice@localhost"), "see you at eight");
            MimeMessage digest = MAIL.awaitBy(address, 2, RelayServer.WAIT).get(1);
            assertThat(Mails.parts(digest, "text/plain").get(0)).contains("bob@localhost", "see you at eight");

            try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
                assertThat(alice.await("message ")).isEqualTo("message bob@localhost offline see you at eight");
                alice.type("/notify off");
                assertThat(alice.await("notify ")).isEqualTo("notify ok Offline delivery by email, SMS and fax is off and"
                        + " your addresses are forgotten; 0 waiting digests were cancelled.");
                alice.type("/notify");
                assertThat(alice.await("notify ")).startsWith("notify status email=- phone=- fax=- channels=-");
            }
        }
    }
}
