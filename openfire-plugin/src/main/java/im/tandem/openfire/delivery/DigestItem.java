package im.tandem.openfire.delivery;

import java.time.Instant;

/**
 * A message as a digest shows it.
 *
 * @param sender  the sender's bare JID
 * @param excerpt the start of the body, already cut to the configured length
 */
public record DigestItem(String sender, String excerpt, Instant sentAt) {
}
