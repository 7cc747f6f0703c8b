package im.tandem.it.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * What the plugin's scripts for one database must do, taken from the built plugin jar and run by Openfire's own
 * script runner on a real server of that database: a database upgraded from schema 1 ends up with the columns and
 * indexes of a fresh install, and the upgrade counts the messages waiting in Openfire's offline store as taken.
 * A subclass supplies empty databases on its server, Openfire's tables for them, and says how its database names the
 * current schema and lists indexes.
 */
public abstract class PluginSchemaContract {
    /**
     * Every column of the plugin's tables (their names start with tdm) in the connection's own schema, with its
     * type, length, nullability and default; %s is the SQL function naming that schema.
     */
    private static final String COLUMNS = "SELECT CONCAT(table_name, '.', column_name), data_type,"
            + " character_maximum_length, is_nullable, column_default FROM information_schema.columns"
            + " WHERE table_schema = %s AND table_name LIKE 'tdm%%'";

    /**
     * Which scripts the Openfire under test runs on this database: SchemaManager names them after the name of the
     * type (DbConnectionManager.DatabaseType) it gives the database.
     */
    protected abstract String databaseType();

    /** A connection to a new, empty database with the given name. */
    protected abstract Connection createDatabase(String name) throws Exception;

    /** A classpath resource creating (at least) the Openfire 4.2.0 tables the plugin's scripts use. */
    protected abstract String openfireTablesResource();

    /** The SQL function that names the schema a connection's unqualified table names go to. */
    protected abstract String currentSchemaFunction();

    /**
     * A query for every index of the plugin's tables in the connection's own schema: one row per index, its name
     * (unique among those rows) first, then what it covers and whether it is unique.
     */
    protected abstract String indexesQuery();

    @Test
    void anUpgradedSchemaOneDatabaseHasTheTablesOfAFreshInstallAndItsWaitingMessagesCountAsTaken() throws Exception {
        try (Connection fresh = installed("plugin_fresh"); Connection upgraded = installed("plugin_upgraded");
                Statement sql = upgraded.createStatement()) {
            // Schema 1 is the current schema without the tables and the columns upgrade/2 to upgrade/4 add.
            sql.execute("DROP TABLE tdmOfflineSeen");
            sql.execute("DROP TABLE tdmRateKey");
            sql.execute("ALTER TABLE tdmNotifySettings DROP COLUMN awaySeconds");
            sql.execute("ALTER TABLE tdmNotifySettings DROP COLUMN fax");
            sql.execute("UPDATE ofVersion SET version = 1 WHERE name = 'tandem'");
            sql.execute("INSERT INTO tdmNotifySettings (username, channels, holdOffSeconds, digest, timeZone,"
                    + " smsNonContacts, updatedAt) VALUES ('alice', 'email', 60, 1, 'UTC', 0, 0)");
            sql.execute("INSERT INTO ofOffline (username, messageID, creationDate, messageSize, stanza)"
                    + " VALUES ('alice', 77, '001700000000000', 9, '<message/>')");

            runFromPluginJar(upgraded, "database/upgrade/2/" + scriptName());
            runFromPluginJar(upgraded, "database/upgrade/3/" + scriptName());
            runFromPluginJar(upgraded, "database/upgrade/4/" + scriptName());

            assertThat(shape(upgraded)).isEqualTo(shape(fresh));
            assertThat(single(sql, "SELECT version FROM ofVersion WHERE name = 'tandem'")).isEqualTo(4);
            assertThat(single(sql, "SELECT messageID FROM tdmOfflineSeen WHERE username = 'alice'")).isEqualTo(77);
            assertThat(single(sql, "SELECT awaySeconds FROM tdmNotifySettings WHERE username = 'alice'"))
                    .as("relaying while away starts off").isZero();
        }
    }

    /** A new database with Openfire's tables and the plugin's install script, as a first start makes it. */
    private Connection installed(String name) throws Exception {
        Connection connection = createDatabase(name);
        try (InputStream script = PluginSchemaContract.class.getResourceAsStream(openfireTablesResource())) {
            assertThat(script).as("resource %s", openfireTablesResource()).isNotNull();
            OpenfireScriptRunner.run(connection, script, openfireTablesResource());
        }
        runFromPluginJar(connection, "database/" + scriptName());
        return connection;
    }

    /** The name SchemaManager gives the plugin's scripts for this database. */
    private String scriptName() {
        return "tandem_" + databaseType() + ".sql";
    }

    private static void runFromPluginJar(Connection connection, String entry) throws Exception {
        try (ZipFile jar = new ZipFile(HarnessPaths.pluginJar().toFile())) {
            assertThat(jar.getEntry(entry)).as("%s in the plugin jar", entry).isNotNull();
            try (InputStream script = jar.getInputStream(jar.getEntry(entry))) {
                OpenfireScriptRunner.run(connection, script, entry);
            }
        }
    }

    /** Every column of the plugin's tables and every index, each described by its row's other values. */
    private Map<String, String> shape(Connection connection) throws SQLException {
        Map<String, String> shape = new TreeMap<>();
        shape.putAll(described(connection, "column ", COLUMNS.formatted(currentSchemaFunction())));
        shape.putAll(described(connection, "index ", indexesQuery()));
        assertThat(shape).isNotEmpty();
        return shape;
    }

    /** The first value of each row, prefixed, mapped to the other values as label=value. */
    private static Map<String, String> described(Connection connection, String prefix, String query)
            throws SQLException {
        Map<String, String> described = new TreeMap<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int column = 2; column <= columns.getColumnCount(); column++) {
                    values.add(columns.getColumnLabel(column) + "=" + rows.getString(column));
                }
                assertThat(described.put(prefix + rows.getString(1), String.join(" ", values)))
                        .as("%s%s is listed once", prefix, rows.getString(1)).isNull();
            }
        }
        return described;
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getLong(1);
        }
    }
}
