package im.tandem.openfire.delivery;

import java.util.Optional;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.pdf.FaxPage;

/**
 * What a sender puts on the wire. The id is the delivery's, the same on every attempt.
 *
 * @param subject an email's subject (and a fax's title); empty for SMS
 * @param html    an email's HTML alternative; empty for plain text only
 * @param page    a fax's page, laid out as PDF by the fax sender; empty for other channels
 */
public record OutboundMessage(String id, DeliveryChannel channel, String destination, Optional<String> subject,
        String text, Optional<String> html, Optional<FaxPage> page) {

    /** A message without a fax page. */
    public OutboundMessage(String id, DeliveryChannel channel, String destination, Optional<String> subject,
            String text, Optional<String> html) {
        this(id, channel, destination, subject, text, html, Optional.empty());
    }
}
