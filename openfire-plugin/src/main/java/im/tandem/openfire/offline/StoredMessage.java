package im.tandem.openfire.offline;

import java.time.Instant;

/**
 * What the plugin keeps of a message Openfire stored offline: only JDK types, copied on the packet path
 * so that nothing of Openfire's packet is touched later on another thread.
 *
 * @param username the local recipient
 * @param sender   the sender's bare JID
 */
public record StoredMessage(String username, String sender, String body, Instant storedAt) {
}
