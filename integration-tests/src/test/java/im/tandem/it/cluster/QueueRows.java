package im.tandem.it.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import im.tandem.it.database.ServerDatabase;

/** The plugin's delivery queue (tdmDelivery) read straight from PostgreSQL, the way an operator would look. */
final class QueueRows {
    private QueueRows() {
    }

    /** One digest: the logical delivery of a user's offline messages, with its stable id. */
    record Digest(String id, String username, String state, int itemCount) {
    }

    /** The digests opened at or after the moment, by user name. */
    static List<Digest> digestsSince(ServerDatabase database, Instant since) throws SQLException {
        List<Digest> digests = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT id, username, state, itemCount"
                        + " FROM tdmDelivery WHERE kind = 'digest' AND createdAt >= ? ORDER BY username, createdAt")) {
            select.setLong(1, since.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    digests.add(new Digest(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4)));
                }
            }
        }
        return digests;
    }

    /** The ids of the deliveries some server has claimed and not finished. */
    static Set<String> sending(ServerDatabase database) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id FROM tdmDelivery WHERE state = 'sending'");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
