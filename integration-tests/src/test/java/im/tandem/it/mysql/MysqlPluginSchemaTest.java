package im.tandem.it.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.openfire.OpenfireClasses;
import im.tandem.it.openfire.PluginSchemaContract;

/**
 * The plugin's MySQL scripts on a real MariaDB server, as {@link PluginSchemaContract} says, connected the way an admin
 * of the Openfire under test connects it: through its MariaDB driver where it has one, under the database type
 * Openfire 5.1.0 and later give MariaDB ({@code mariadb}, so the scripts named after it run), otherwise through its
 * MySQL driver, which names the server "MySQL" (Openfire 4.2.0: Connector/J 5.1, type {@code mysql}).
 */
@Tag("server")
@Tag("external")
class MysqlPluginSchemaTest extends PluginSchemaContract {
    /** The driver Openfire ships for MariaDB from 5.1.0 on; it names the product "MariaDB". */
    private static final String MARIADB_DRIVER = "org.mariadb.jdbc.Driver";
    /** Connector/J 8 and later, then 5.1 (Openfire 4.2.0); both name the product "MySQL". */
    private static final List<String> MYSQL_DRIVERS = List.of("com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver");
    /** The URL scheme MariaDB's driver takes; the server's URLs are written for the MySQL drivers. */
    private static final String MARIADB_SCHEME = "jdbc:mariadb:";
    private static final String MYSQL_SCHEME = "jdbc:mysql:";
    private static final boolean MARIADB_TYPE = OpenfireClasses.has(MARIADB_DRIVER) && hasMariadbType();

    private static MariadbServer mariadb;

    @BeforeAll
    static void startMariadb() {
        mariadb = MariadbServer.start();
    }

    @AfterAll
    static void stopMariadb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void openfireTakesThisServerForTheTypeWhoseScriptsRun() throws Exception {
        try (Connection connection = createDatabase("product_check")) {
            // DbConnectionManager.setMetaData: a product name containing "maria" means DatabaseType.mariadb on the
            // releases that have it, one containing "mysql" means DatabaseType.mysql.
            assertThat(connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT))
                    .contains(MARIADB_TYPE ? "maria" : "mysql");
            assertThat(connection.getMetaData().getDatabaseProductVersion()).as("the server behind the name")
                    .contains("MariaDB");
        }
    }

    @Override
    protected String databaseType() {
        return MARIADB_TYPE ? "mariadb" : "mysql";
    }

    @Override
    protected Connection createDatabase(String name) throws Exception {
        ServerDatabase database = mariadb.createDatabase(name);
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

    @Override
    protected String openfireTablesResource() {
        return "/im/tandem/it/mysql/openfire_plugin_tables_mysql.sql";
    }

    /** A MySQL schema is a database; one server holds them all in one information_schema. */
    @Override
    protected String currentSchemaFunction() {
        return "DATABASE()";
    }

    /** One row of information_schema.statistics per indexed column; index names are unique per table only. */
    @Override
    protected String indexesQuery() {
        return "SELECT CONCAT(table_name, '.', index_name), non_unique, index_type,"
                + " GROUP_CONCAT(column_name ORDER BY seq_in_index) AS indexed_columns"
                + " FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name LIKE 'tdm%'"
                + " GROUP BY table_name, index_name, non_unique, index_type";
    }
}
