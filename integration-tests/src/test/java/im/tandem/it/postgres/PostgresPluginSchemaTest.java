package im.tandem.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireScriptRunner;

/**
 * The plugin's PostgreSQL scripts, taken from the built plugin jar and run by Openfire's own script runner on a real
 * PostgreSQL: a database upgraded from schema 1 ends up with the same tables and columns as a fresh install, and
 * the upgrade counts the messages waiting in Openfire's offline store as taken.
 */
class PostgresPluginSchemaTest {
    private static final String OPENFIRE_SCHEMA = "/im/tandem/it/openfire/openfire_postgresql.sql";
    private static final String INSTALL = "database/tandem_postgresql.sql";
    private static final String UPGRADE = "database/upgrade/2/tandem_postgresql.sql";

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anUpgradedSchemaOneDatabaseHasTheTablesOfAFreshInstallAndItsWaitingMessagesCountAsTaken() throws Exception {
        try (Connection fresh = installed("plugin_fresh"); Connection upgraded = installed("plugin_upgraded");
                Statement sql = upgraded.createStatement()) {
            // Schema 1 is schema 2 without the table and the column upgrade/2 adds.
            sql.execute("DROP TABLE tdmOfflineSeen");
            sql.execute("ALTER TABLE tdmNotifySettings DROP COLUMN awaySeconds");
            sql.execute("UPDATE ofVersion SET version = 1 WHERE name = 'tandem'");
            sql.execute("INSERT INTO tdmNotifySettings (username, channels, holdOffSeconds, digest, timeZone,"
                    + " smsNonContacts, updatedAt) VALUES ('alice', 'email', 60, 1, 'UTC', 0, 0)");
            sql.execute("INSERT INTO ofOffline (username, messageID, creationDate, messageSize, stanza)"
                    + " VALUES ('alice', 77, '001700000000000', 9, '<message/>')");

            runFromPluginJar(upgraded, UPGRADE);

            assertThat(shape(upgraded)).isEqualTo(shape(fresh));
            assertThat(single(sql, "SELECT version FROM ofVersion WHERE name = 'tandem'")).isEqualTo(2);
            assertThat(single(sql, "SELECT messageID FROM tdmOfflineSeen WHERE username = 'alice'")).isEqualTo(77);
            assertThat(single(sql, "SELECT awaySeconds FROM tdmNotifySettings WHERE username = 'alice'"))
                    .as("relaying while away starts off").isZero();
        }
    }

    /** A new database with Openfire's tables and the plugin's install script, as a first start makes it. */
    private static Connection installed(String name) throws Exception {
        Connection connection = postgres.createDatabase(name).connect();
        try (InputStream script = PostgresPluginSchemaTest.class.getResourceAsStream(OPENFIRE_SCHEMA)) {
            OpenfireScriptRunner.run(connection, script, OPENFIRE_SCHEMA);
        }
        runFromPluginJar(connection, INSTALL);
        return connection;
    }

    private static void runFromPluginJar(Connection connection, String entry) throws Exception {
        try (ZipFile jar = new ZipFile(HarnessPaths.pluginJar().toFile())) {
            assertThat(jar.getEntry(entry)).as("%s in the plugin jar", entry).isNotNull();
            try (InputStream script = jar.getInputStream(jar.getEntry(entry))) {
                OpenfireScriptRunner.run(connection, script, entry);
            }
        }
    }

    /** Every column of the plugin's tables with its type, nullability and default, and every index. */
    private static Map<String, String> shape(Connection connection) throws SQLException {
        Map<String, String> shape = new TreeMap<>();
        try (Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT table_name, column_name, data_type,"
                    + " character_maximum_length, is_nullable, column_default FROM information_schema.columns"
                    + " WHERE table_name LIKE 'tdm%'")) {
                while (rows.next()) {
                    shape.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3) + "(" + rows.getString(4)
                            + ") nullable=" + rows.getString(5) + " default=" + rows.getString(6));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT indexname, indexdef FROM pg_indexes"
                    + " WHERE tablename LIKE 'tdm%'")) {
                while (rows.next()) {
                    shape.put("index " + rows.getString(1), rows.getString(2));
                }
            }
        }
        assertThat(shape).isNotEmpty();
        return shape;
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getLong(1);
        }
    }
}
