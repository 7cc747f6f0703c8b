package im.tandem.openfire.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a JDBC connection: Openfire's pool in the server, an in-memory database in unit tests. */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
