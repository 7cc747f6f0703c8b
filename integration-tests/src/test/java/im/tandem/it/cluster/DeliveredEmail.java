package im.tandem.it.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import im.tandem.it.delivery.MailServer;
import im.tandem.it.delivery.Mails;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One email the SMTP server received, reduced to what tells deliveries apart: the stable delivery id it
 * carries (X-Tandem-Delivery), its Message-ID, whom it went to, and its plain text.
 */
record DeliveredEmail(String deliveryId, String messageId, List<String> recipients, String text) {

    /** Everything the server received after its first {@code skip} emails, in arrival order. */
    static List<DeliveredEmail> after(MailServer mail, int skip) throws MessagingException, IOException {
        List<MimeMessage> received = mail.received();
        List<DeliveredEmail> emails = new ArrayList<>();
        for (MimeMessage message : received.subList(Math.min(skip, received.size()), received.size())) {
            emails.add(of(message));
        }
        return emails;
    }

    private static DeliveredEmail of(MimeMessage message) throws MessagingException, IOException {
        List<String> recipients = new ArrayList<>();
        Address[] addresses = message.getAllRecipients();
        if (addresses != null) {
            for (Address address : addresses) {
                recipients.add(address.toString());
            }
        }
        List<String> texts = Mails.parts(message, "text/plain");
        return new DeliveredEmail(Mails.header(message, "X-Tandem-Delivery"), Mails.header(message, "Message-ID"),
                List.copyOf(recipients), texts.isEmpty() ? "" : texts.get(0));
    }
}
