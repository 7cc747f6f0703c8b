package im.tandem.openfire.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.testing.TestDatabase;

/**
 * The plugin's three schema scripts define the same tables, the HSQLDB one runs as Openfire runs it, and the
 * upgrade scripts take a database of the previous version to the same tables. The PostgreSQL and MySQL scripts
 * run on real servers in the integration tests (PostgresPluginSchemaTest, MysqlPluginSchemaTest).
 */
class SchemaScriptsTest {
    private static final List<String> DATABASES = List.of("hsqldb", "postgresql", "mysql");
    /** The schema version plugin.xml declares; upgrade/N/ holds the scripts from N - 1 to N. */
    private static final int VERSION = 4;
    /** The first version that has an upgrade script: version 1 was the first install script. */
    private static final int FIRST_UPGRADE = 2;

    @Test
    void everyDatabaseGetsTheSameTablesColumnsAndIndexes() throws Exception {
        String hsqldb = normalized("hsqldb");
        for (String database : DATABASES) {
            assertThat(normalized(database)).as(database).isEqualTo(hsqldb);
        }
    }

    @Test
    void theScriptsFollowTheRulesOfOpenfiresScriptRunner() throws Exception {
        for (String database : DATABASES) {
            List<Path> files = new ArrayList<>(List.of(script(database)));
            for (int version = FIRST_UPGRADE; version <= VERSION; version++) {
                files.add(upgrade(database, version));
            }
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.trim();
                    if (!trimmed.startsWith("--")) {
                        assertThat(trimmed).as("SQL lines carry no trailing comment (%s)", file).doesNotContain("--");
                    } else {
                        assertThat(trimmed).as("comments never end a statement (%s)", file).doesNotEndWith(";");
                    }
                }
                // Maven filters src/main/plugin: these would be replaced at build time.
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("${").doesNotContain("@");
            }
            assertThat(Files.readString(script(database)))
                    .as("the script registers the version plugin.xml names (%s)", database)
                    .contains("INSERT INTO ofVersion (name, version) VALUES ('tandem', " + VERSION + ");");
            for (int version = FIRST_UPGRADE; version <= VERSION; version++) {
                assertThat(Files.readString(upgrade(database, version)))
                        .as("the upgrade to %d records its version (%s)", version, database)
                        .contains("UPDATE ofVersion SET version = " + version + " WHERE name = 'tandem';");
            }
        }
        assertThat(Files.readString(TestDatabase.SCRIPTS.resolveSibling("plugin.xml")))
                .contains("<databaseVersion>" + VERSION + "</databaseVersion>");
    }

    @Test
    void everyTableTheUpgradeCreatesIsCreatedTheSameWayOnAFreshInstall() throws Exception {
        for (String database : DATABASES) {
            List<String> install = TestDatabase.statements(script(database));
            for (int version = FIRST_UPGRADE; version <= VERSION; version++) {
                for (String statement : TestDatabase.statements(upgrade(database, version))) {
                    if (statement.startsWith("CREATE")) {
                        assertThat(install).as(database).contains(statement);
                    }
                }
            }
        }
    }

    @Test
    void theUpgradesTakeASchemaOneDatabaseToTheCurrentSchemaWithWaitingMessagesTakenAndAwayRelayOff()
            throws Exception {
        TestDatabase database = TestDatabase.create();
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            // Schema 1 is the current schema without the tables and the columns the upgrades add.
            statement.execute("DROP TABLE tdmOfflineSeen");
            statement.execute("DROP TABLE tdmRateKey");
            statement.execute("ALTER TABLE tdmNotifySettings DROP COLUMN awaySeconds");
            statement.execute("ALTER TABLE tdmNotifySettings DROP COLUMN fax");
            statement.execute("INSERT INTO tdmNotifySettings (username, channels, holdOffSeconds, digest, timeZone,"
                    + " smsNonContacts, updatedAt) VALUES ('alice', 'email', 60, 1, 'UTC', 0, 0)");
            statement.execute("UPDATE ofVersion SET version = 1 WHERE name = 'tandem'");
            database.storeOffline("alice", 41, Instant.EPOCH, "<message/>");
            for (int version = FIRST_UPGRADE; version <= VERSION; version++) {
                for (String sql : TestDatabase.statements(upgrade("hsqldb", version))) {
                    statement.execute(sql);
                }
            }
            assertThat(Sql.count(connection, "SELECT version FROM ofVersion WHERE name = 'tandem'")).isEqualTo(VERSION);
            assertThat(Sql.count(connection, "SELECT messageID FROM tdmOfflineSeen WHERE username = 'alice'"))
                    .isEqualTo(41);
            assertThat(new SettingsStore(database, Clock.systemUTC()).find("alice")
                    .orElseThrow().whenAway()).as("relaying while away starts off").isEmpty();
            assertThat(new SettingsStore(database, Clock.systemUTC()).find("alice")
                    .orElseThrow().fax()).as("no fax number until one is verified").isEmpty();
        }
    }

    @Test
    void theHsqldbScriptCreatesEveryTableAndRegistersItsVersion() throws Exception {
        TestDatabase database = TestDatabase.create();
        try (Connection connection = database.open()) {
            Map<String, Integer> tables = new TreeMap<>();
            try (ResultSet rows = connection.getMetaData().getTables(null, null, "TDM%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.put(rows.getString("TABLE_NAME"), 0);
                }
            }
            assertThat(tables).containsOnlyKeys("TDMDELIVERY", "TDMDELIVERYITEM", "TDMNOTIFYCODE",
                    "TDMNOTIFYSETTINGS", "TDMOFFLINESEEN", "TDMRATEEVENT", "TDMRATEKEY");
            assertThat(Sql.count(connection, "SELECT version FROM ofVersion WHERE name = 'tandem'")).isEqualTo(VERSION);
        }
    }

    /** The script's statements with engine-specific table options removed. */
    private static String normalized(String database) throws Exception {
        return String.join("\n", TestDatabase.statements(script(database))).replace(" ENGINE=InnoDB", "");
    }

    private static Path upgrade(String database, int version) {
        return TestDatabase.SCRIPTS.resolve("upgrade/" + version + "/tandem_" + database + ".sql");
    }

    private static Path script(String database) {
        return TestDatabase.SCRIPTS.resolve("tandem_" + database + ".sql");
    }
}
