package im.tandem.openfire.storage;

import java.sql.Connection;
import java.sql.SQLException;

import org.jivesoftware.database.DbConnectionManager;

/**
 * Openfire's own database, where the plugin's tables live next to Openfire's, so that every server of a
 * cluster sees the same queue. Closing a connection hands it back to Openfire's pool.
 */
public final class OpenfireDatabase implements ConnectionSource {
    @Override
    public Connection open() throws SQLException {
        return DbConnectionManager.getConnection();
    }
}
