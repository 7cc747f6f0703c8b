package im.tandem.it.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.openfire.OpenfireClasses;

/**
 * Connections to a MariaDB database made the way an admin of the Openfire under test connects it: through its
 * MariaDB driver where it has one, under the database type Openfire 5.1.0 and later give MariaDB ({@code mariadb},
 * so the scripts named after it run), otherwise through its MySQL driver, which names the server "MySQL" (Openfire
 * 4.2.0: Connector/J 5.1, type {@code mysql}).
 */
final class MariadbConnections {
    /** The driver Openfire ships for MariaDB from 5.1.0 on; it names the product "MariaDB". */
    private static final String MARIADB_DRIVER = "org.mariadb.jdbc.Driver";
    /** Connector/J 8 and later, then 5.1 (Openfire 4.2.0); both name the product "MySQL". */
    private static final List<String> MYSQL_DRIVERS = List.of("com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver");
    /** The URL scheme MariaDB's driver takes; the server's URLs are written for the MySQL drivers. */
    private static final String MARIADB_SCHEME = "jdbc:mariadb:";
    private static final String MYSQL_SCHEME = "jdbc:mysql:";
    /** Whether the Openfire under test takes MariaDB for a database type of its own. */
    static final boolean MARIADB_TYPE = OpenfireClasses.has(MARIADB_DRIVER) && hasMariadbType();

    private MariadbConnections() {
    }

    /** The database type the Openfire under test gives MariaDB, which names the scripts it runs. */
    static String databaseType() {
        return MARIADB_TYPE ? "mariadb" : "mysql";
    }

    static Connection connect(ServerDatabase database) throws ReflectiveOperationException, SQLException {
        String url = MARIADB_TYPE ? database.jdbcUrl().replace(MYSQL_SCHEME, MARIADB_SCHEME) : database.jdbcUrl();
        return OpenfireClasses.connect(driverClass(), url, database.user(), database.password());
    }

    private static String driverClass() {
        List<String> candidates = MARIADB_TYPE ? List.of(MARIADB_DRIVER) : MYSQL_DRIVERS;
        return candidates.stream().filter(OpenfireClasses::has).findFirst()
                .orElseThrow(() -> new AssertionError("the Openfire under test ships none of " + candidates));
    }

    private static boolean hasMariadbType() {
        try {
            return Arrays.stream(OpenfireClasses.load("org.jivesoftware.database.DbConnectionManager$DatabaseType")
                    .getEnumConstants()).anyMatch(type -> type.toString().equals("mariadb"));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the Openfire under test has no DbConnectionManager.DatabaseType", e);
        }
    }
}
