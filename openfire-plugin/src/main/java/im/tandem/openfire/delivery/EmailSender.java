package im.tandem.openfire.delivery;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import javax.activation.DataHandler;
import javax.mail.Message.RecipientType;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.jivesoftware.util.EmailService;

/**
 * Sends email through Openfire's own EmailService, so the SMTP settings an admin made in the admin console
 * (mail.smtp.host, mail.smtp.port, ...) apply. The immediate-send call is used: a connection failure comes
 * back as an exception and the delivery is retried. (EmailService logs and skips a recipient the SMTP
 * server refuses, so such a refusal is not seen here.)
 */
public final class EmailSender implements ChannelSender {
    public static final String TIMEOUT = "tandem.notify.email.timeout.seconds";
    /**
     * A minute for the whole SMTP session: a working server answers each step within a second or two, and one
     * silent for a minute is not coming back soon; the retry backoff takes over from there.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    /**
     * SMTP sessions running or hanging at once: the most worker threads there can be (32) with room for as many
     * abandoned ones, so the limit bites only when the SMTP server hangs connection after connection.
     */
    private static final int MAX_SESSIONS = 64;
    private static final String UTF_8 = "UTF-8";

    private final String domain;
    private final Supplier<String> configuredFrom;
    private final Supplier<Duration> timeout;
    private final HangGuard guard = new HangGuard("tandem-smtp", MAX_SESSIONS);

    /**
     * @param domain         the XMPP domain: Message-IDs are made in it, and the default From address
     * @param configuredFrom the admin's From address, empty for noreply@domain
     * @param timeout        how long one SMTP session may take before the delivery is retried
     */
    public EmailSender(String domain, Supplier<String> configuredFrom, Supplier<Duration> timeout) {
        this.domain = domain;
        this.configuredFrom = configuredFrom;
        this.timeout = timeout;
    }

    /** The Message-ID of a delivery: the same on every attempt. */
    private static String messageId(String deliveryId, String domain) {
        return "<tandem." + deliveryId + "@" + domain + ">";
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return send(message, Optional.empty());
    }

    /** The message with a file attached, such as a fax page for an email-to-fax gateway. */
    public SendResult send(OutboundMessage message, Optional<Attachment> attachment) {
        return guard.run("the SMTP session", timeout.get(), () -> sendNow(message, attachment));
    }

    private SendResult sendNow(OutboundMessage message, Optional<Attachment> attachment) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JavaMail finds its content handlers (mailcap) through the context class loader: use Openfire's.
        thread.setContextClassLoader(EmailService.class.getClassLoader());
        try {
            EmailService.getInstance().sendMessagesImmediately(List.of(compose(message, attachment)));
            return SendResult.sent();
        } catch (AddressException e) {
            return SendResult.giveUp("bad email address: " + e.getMessage());
        } catch (MessagingException e) {
            return SendResult.tryAgain("SMTP: " + describe(e));
        } catch (RuntimeException e) {
            return SendResult.tryAgain("email: " + e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    MimeMessage compose(OutboundMessage message) throws MessagingException {
        return compose(message, Optional.empty());
    }

    MimeMessage compose(OutboundMessage message, Optional<Attachment> attachment) throws MessagingException {
        // A session of our own only carries the message; EmailService sends it over its own SMTP session.
        MimeMessage mime = new StableIdMimeMessage(Session.getInstance(new Properties()),
                messageId(message.id(), domain));
        String from = configuredFrom.get();
        mime.setFrom(new InternetAddress(from.isEmpty() ? "noreply@" + domain : from, true));
        mime.setRecipient(RecipientType.TO, new InternetAddress(message.destination(), true));
        mime.setSubject(message.subject().orElse("Tandem"), UTF_8);
        mime.setSentDate(new Date());
        mime.setHeader("X-Tandem-Delivery", message.id());
        if (attachment.isPresent()) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            if (!message.text().isEmpty()) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.text(), UTF_8);
                mixed.addBodyPart(text);
            }
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.get().content(),
                    attachment.get().contentType())));
            file.setFileName(attachment.get().fileName());
            file.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(file);
            mime.setContent(mixed);
        } else if (message.html().isPresent()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), UTF_8);
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(message.html().get(), "text/html; charset=UTF-8");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            mime.setContent(alternatives);
        } else {
            mime.setText(message.text(), UTF_8);
        }
        mime.saveChanges();
        return mime;
    }

    /** The innermost cause says what went wrong (connection refused, unknown host), not JavaMail's wrapper. */
    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (" + cause + ")";
    }
}
