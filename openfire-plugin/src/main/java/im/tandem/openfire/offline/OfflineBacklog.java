package im.tandem.openfire.offline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import im.tandem.openfire.storage.ConnectionSource;
import im.tandem.openfire.storage.Sql;

/**
 * The offline messages of opted-in users that the plugin has not taken yet: rows of Openfire's ofOffline
 * without a row in tdmOfflineSeen. Reading Openfire's table instead of keeping what its listener reports
 * means a message is never held only in the plugin's memory: whatever a crash interrupts is still here at
 * the next start. ofOffline (username, messageID, creationDate, stanza) is the same in Openfire 4.2.0 and
 * every later release up to 5.x.
 */
public final class OfflineBacklog {
    private static final String UNSEEN = "SELECT o.username, o.messageID, o.creationDate, o.stanza FROM ofOffline o"
            + " INNER JOIN tdmNotifySettings s ON s.username = o.username"
            + " WHERE NOT EXISTS (SELECT 1 FROM tdmOfflineSeen t"
            + " WHERE t.username = o.username AND t.messageID = o.messageID)"
            + " ORDER BY o.messageID";
    private static final String GONE = "DELETE FROM tdmOfflineSeen WHERE NOT EXISTS (SELECT 1 FROM ofOffline o"
            + " WHERE o.username = tdmOfflineSeen.username AND o.messageID = tdmOfflineSeen.messageID)";

    private final ConnectionSource database;

    public OfflineBacklog(ConnectionSource database) {
        this.database = database;
    }

    /** Up to {@code max} messages not taken yet, oldest first. */
    public List<OfflineRow> untaken(int max, Instant now) throws SQLException {
        return Sql.once(database, connection -> Sql.query(connection, UNSEEN, max, row -> new OfflineRow(
                row.getString(1), row.getLong(2), storedAt(row.getString(3), now), row.getString(4))));
    }

    /**
     * Records the message as taken, inside the caller's transaction. False when it was taken already
     * (by another server of the cluster); a concurrent taker makes the insert fail on the key instead,
     * and the retried transaction then gets false.
     */
    public static boolean markTaken(Connection connection, OfflineRow row, Instant now) throws SQLException {
        if (Sql.count(connection, "SELECT COUNT(*) FROM tdmOfflineSeen WHERE username = ? AND messageID = ?",
                row.username(), row.messageId()) > 0) {
            return false;
        }
        Sql.update(connection, "INSERT INTO tdmOfflineSeen (username, messageID, seenAt) VALUES (?, ?, ?)",
                row.username(), row.messageId(), now.toEpochMilli());
        return true;
    }

    /** Forgets messages Openfire no longer keeps (handed over at login, or purged). Returns how many. */
    public int forgetGone() throws SQLException {
        return Sql.once(database, connection -> Sql.update(connection, GONE));
    }

    /**
     * Openfire writes creationDate as epoch milliseconds, zero-padded to fifteen characters. A row some
     * other tool wrote badly counts as stored now rather than blocking the rows behind it.
     */
    private static Instant storedAt(String creationDate, Instant now) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(creationDate.trim()));
        } catch (RuntimeException e) {
            return now;
        }
    }
}
