package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.notify.DeliveryChannel;

/** The email as it goes on the wire, without an SMTP server: headers, parts, and the stable Message-ID. */
class EmailSenderTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private static final OutboundMessage DIGEST = new OutboundMessage("6f1c0f7e-0000-4000-8000-000000000001",
            DeliveryChannel.EMAIL, "alice@example.org", Optional.of("2 new messages"), "plain text",
            Optional.of("<p>html</p>"));

    @Test
    void theMessageIdIsTheDeliverysAndSurvivesWritingTheMessageAgain() throws Exception {
        MimeMessage mime = new EmailSender("chat.example.org", () -> "", () -> TIMEOUT).compose(DIGEST);
        String first = wire(mime);
        mime.saveChanges();
        String second = wire(mime);
        String expected = "Message-ID: <tandem.6f1c0f7e-0000-4000-8000-000000000001@chat.example.org>";
        assertThat(first).contains(expected);
        assertThat(second).contains(expected);
        assertThat(first).contains("X-Tandem-Delivery: 6f1c0f7e-0000-4000-8000-000000000001")
                .contains("From: noreply@chat.example.org").contains("To: alice@example.org")
                .contains("Subject: 2 new messages").contains("multipart/alternative")
                .contains("text/plain; charset=UTF-8").contains("text/html; charset=UTF-8");
    }

    @Test
    void theAdminsFromAddressIsUsedAndACodeIsPlainText() throws Exception {
        OutboundMessage code = new OutboundMessage("id-1", DeliveryChannel.EMAIL, "bob@example.org",
                Optional.of("Your code"), "Your code is 123456", Optional.empty());
        String wire = wire(new EmailSender("chat.example.org", () -> "Tandem <tandem@example.org>", () -> TIMEOUT)
                .compose(code));
        assertThat(wire).contains("From: Tandem <tandem@example.org>").contains("Content-Type: text/plain; charset=UTF-8")
                .doesNotContain("multipart").contains("Your code is 123456");
    }

    @Test
    void aMalformedRecipientIsAFailureThatIsNotRetried() {
        OutboundMessage broken = new OutboundMessage("id-2", DeliveryChannel.EMAIL, "not an address", Optional.of("x"),
                "x", Optional.empty());
        SendResult result = new EmailSender("chat.example.org", () -> "", () -> TIMEOUT).send(broken);
        assertThat(result.status()).isEqualTo(SendResult.Status.GIVE_UP);
        assertThat(result.detail()).startsWith("bad email address");
    }

    private static String wire(MimeMessage mime) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mime.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
