package im.tandem.it.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import im.tandem.it.database.ServerDatabase;

/** Reads what Openfire has written, straight from its PostgreSQL database, the way an operator would look. */
final class StoredRows {
    private StoredRows() {
    }

    /** The offline stanzas Openfire keeps for a user, oldest first. */
    static List<String> offlineStanzas(ServerDatabase database, String username) throws SQLException {
        return strings(database, "SELECT stanza FROM ofOffline WHERE username=? ORDER BY messageID", username);
    }

    /** The first column of every row a one-parameter query returns, as text. */
    static List<String> strings(ServerDatabase database, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
