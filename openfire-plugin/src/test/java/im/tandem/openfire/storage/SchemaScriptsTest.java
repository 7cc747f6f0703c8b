package im.tandem.openfire.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.testing.TestDatabase;

/** The plugin's three schema scripts define the same tables, and the HSQLDB one runs as Openfire runs it. */
class SchemaScriptsTest {
    private static final List<String> DATABASES = List.of("hsqldb", "postgresql", "mysql");

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
            for (String line : Files.readAllLines(script(database))) {
                String trimmed = line.trim();
                if (!trimmed.startsWith("--")) {
                    assertThat(trimmed).as("SQL lines carry no trailing comment (%s)", database).doesNotContain("--");
                } else {
                    assertThat(trimmed).as("comments never end a statement (%s)", database).doesNotEndWith(";");
                }
            }
            assertThat(Files.readString(script(database)))
                    .as("the script registers its version (%s)", database)
                    .contains("INSERT INTO ofVersion (name, version) VALUES ('tandem', 1);")
                    // Maven filters src/main/plugin: these would be replaced at build time.
                    .doesNotContain("${").doesNotContain("@");
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
                    "TDMNOTIFYSETTINGS", "TDMRATEEVENT");
            assertThat(Sql.count(connection, "SELECT version FROM ofVersion WHERE name = 'tandem'")).isEqualTo(1);
        }
    }

    /** The script's statements with engine-specific table options removed. */
    private static String normalized(String database) throws Exception {
        return String.join("\n", TestDatabase.statements(script(database))).replace(" ENGINE=InnoDB", "");
    }

    private static Path script(String database) {
        return TestDatabase.SCRIPTS.resolve("tandem_" + database + ".sql");
    }
}
