package im.tandem.openfire.offline;

import java.time.Instant;

/**
 * One message in Openfire's offline store (a row of its ofOffline table), as the plugin reads it.
 *
 * @param messageId Openfire's id of the stored message, unique per user and never reused
 * @param stanza    the stored message, serialized as Openfire wrote it
 */
public record OfflineRow(String username, long messageId, Instant storedAt, String stanza) {
}
