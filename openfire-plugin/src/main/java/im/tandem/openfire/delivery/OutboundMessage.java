package im.tandem.openfire.delivery;

import java.util.Optional;

import im.tandem.openfire.notify.DeliveryChannel;

/**
 * What a sender puts on the wire. The id is the delivery's, the same on every attempt.
 *
 * @param subject an email's subject; empty for SMS
 * @param html    an email's HTML alternative; empty for plain text only
 */
public record OutboundMessage(String id, DeliveryChannel channel, String destination, Optional<String> subject,
        String text, Optional<String> html) {
}
