package im.tandem.it.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database on a throwaway server the tests started, and the user that owns it, as a JDBC client reaches it over
 * TCP on the loopback address.
 *
 * @param jdbcUrl  the URL Openfire's bundled driver for that database takes
 * @param name     the database's name
 * @param user     the owning user, which may create tables in it
 * @param password that user's password
 */
public record ServerDatabase(String jdbcUrl, String name, String user, String password) {

    /** A new connection as the owning user; needs the database's JDBC driver on the classpath. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Leaves the password out, so that a logged database never gives it away. */
    @Override
    public String toString() {
        return "ServerDatabase[" + jdbcUrl + " as " + user + "]";
    }
}
