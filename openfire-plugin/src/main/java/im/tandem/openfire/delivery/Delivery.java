package im.tandem.openfire.delivery;

import java.time.Instant;
import java.util.Optional;

import im.tandem.openfire.notify.DeliveryChannel;

/**
 * One row of the queue. The id is stable for the delivery's whole life and goes out with it (the email's
 * Message-ID, the gateway's request), so that a receiver can drop the copy a crash may cause.
 *
 * @param destination a code's address; a digest's is looked up when it is sent, and recorded then
 * @param subject     a code's subject line; empty for digests, whose text is made from their items
 * @param body        a code's text; empty for digests
 */
public record Delivery(String id, String username, DeliveryChannel channel, DeliveryKind kind, DeliveryState state,
        Optional<String> destination, Optional<String> subject, Optional<String> body, int itemCount, Instant dueAt,
        int attempts, Optional<String> lastError, Instant createdAt) {
}
