package im.tandem.it.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database on a {@link PostgresServer} and the role that owns it, as a JDBC client reaches it over TCP.
 *
 * @param jdbcUrl  jdbc:postgresql://127.0.0.1:PORT/NAME
 * @param name     the database's name
 * @param user     the owning role, which may create tables in it
 * @param password that role's password
 */
public record PostgresDatabase(String jdbcUrl, String name, String user, String password) {

    /** A new connection as the owning role; needs PostgreSQL's JDBC driver on the classpath. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Leaves the password out, so that a logged database never gives it away. */
    @Override
    public String toString() {
        return "PostgresDatabase[" + jdbcUrl + " as " + user + "]";
    }
}
