package im.tandem.it.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What each of our Openfire 4.2.0 schemas must satisfy, whatever the database: every SQL statement compiled into
 * the server jar is valid against it, every table is used, and the rows Openfire's first boot relies on are
 * seeded. A subclass supplies a database loaded with {@link #loadWithOpenfiresScriptRunner} and says how that
 * database checks a statement without running it.
 */
public abstract class OpenfireSchemaContract {

    /** The version SchemaManager of Openfire 4.2.0 requires; anything lower makes it run upgrade scripts. */
    private static final int OPENFIRE_SCHEMA_VERSION = 26;

    /**
     * Next id for each id type Openfire 4.2.0 draws from SequenceManager (JiveConstants): 18 roster items,
     * 19 offline messages, 23 MUC rooms, 25 security audit entries, 26 MUC services. 26 starts at 2 because
     * the seeded conference service holds id 1.
     */
    private static final Map<Integer, Long> EXPECTED_ID_COUNTERS = Map.of(18, 1L, 19, 1L, 23, 1L, 25, 1L, 26, 2L);

    private static final int MUC_SERVICE_ID_TYPE = 26;

    /** Statements in the jar that run on no database holding a schema at version 26, each with the reason. */
    private static final Map<String, String> NEVER_RUN_AT_THIS_VERSION = Map.of(
            "SELECT version FROM jiveVersion WHERE name=?",
            "legacy Jive/Wildfire version table, consulted only when ofVersion is missing",
            "SELECT minorVersion FROM jiveVersion",
            "legacy Jive/Wildfire version table, consulted only when ofVersion is missing",
            "UPDATE jiveVersion SET name='openfire' WHERE name='wildfire'",
            "legacy Wildfire rename, run only on a database without ofVersion",
            "select 1 from sysibm.sysdummy1", "DB2 connection test query",
            "select 1 from dual", "Oracle connection test query",
            "INSERT INTO ofMucConversationLog(roomID, sender, nickname, logTime, subject, body VALUES(?,?,?,?,?,?)",
            "malformed in Openfire itself (missing parenthesis); only the OF33 upgrade fix from version 20 uses it");

    /** The database loaded with the schema under test. */
    protected abstract Connection connection();

    /** The classpath resource of the schema under test, for messages. */
    protected abstract String schemaResource();

    /**
     * Makes the database resolve every table and column of the statement without running it.
     *
     * @throws SQLException what the database says about the statement
     */
    protected abstract void validate(String sql) throws SQLException;

    /** Statements this database never receives (other databases' dialects), each with the reason. */
    protected abstract Map<String, String> notRunOnThisDatabase();

    /**
     * Runs a schema script through SchemaManager's private executeSQLScript, the very code Openfire uses on first
     * boot, so the file is split and filtered exactly as Openfire does it. FALSE: Openfire renames jiveVersion
     * only in plugin scripts.
     */
    protected static void loadWithOpenfiresScriptRunner(Connection connection, String resource) throws Exception {
        try (InputStream script = OpenfireSchemaContract.class.getResourceAsStream(resource)) {
            assertThat(script).as("schema resource %s", resource).isNotNull();
            OpenfireScriptRunner.run(connection, script, resource);
        }
    }

    @Test
    void recordsTheSchemaVersionOpenfire420Requires() throws SQLException {
        assertThat(queryLong("SELECT version FROM ofVersion WHERE name='openfire'"))
                .isEqualTo(OPENFIRE_SCHEMA_VERSION);
    }

    @Test
    void everySqlStatementInOpenfirePreparesAgainstTheSchema() throws Exception {
        Map<String, String> skipped = allowList();
        List<String> failures = new ArrayList<>();
        Map<String, String> foundInJar = OpenfireSqlStatements.inServerJar();
        foundInJar.forEach((sql, className) -> {
            if (skipped.containsKey(sql)) {
                return;
            }
            String assembled = OpenfireSqlStatements.assembled(sql);
            try {
                validate(assembled);
            } catch (SQLException e) {
                failures.add(className + ": " + assembled + "\n    -> " + e.getMessage());
            }
        });

        assertThat(failures).as("Openfire statements that do not prepare against %s", schemaResource()).isEmpty();
        assertThat(foundInJar.keySet())
                .as("every allow-list entry is still in the jar")
                .containsAll(skipped.keySet())
                .containsAll(OpenfireSqlStatements.RUNTIME_COMPLETIONS.keySet());
    }

    @Test
    void everyAllowListedStatementIsRejectedHere() {
        // An entry for a statement this database accepts would hide nothing and only blur the list.
        assertThat(allowList().keySet()).as("allow-listed statements that %s accepts", schemaResource())
                .filteredOn(sql -> {
                    try {
                        validate(sql);
                        return true;
                    } catch (SQLException e) {
                        return false;
                    }
                })
                .isEmpty();
    }

    @Test
    void everyTableInTheSchemaIsUsedByOpenfire() throws Exception {
        String allSql = String.join("\n", OpenfireSqlStatements.inServerJar().keySet());
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection().getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        assertThat(tables).as("tables in %s", schemaResource()).isNotEmpty();
        assertThat(tables).as("tables no Openfire statement mentions")
                .filteredOn(table -> !Pattern.compile("\\b" + table + "\\b", Pattern.CASE_INSENSITIVE)
                        .matcher(allSql).find())
                .isEmpty();
    }

    @Test
    void seedsTheAdminUserWithoutAPassword() throws SQLException {
        // The same columns and parsing as DefaultUserProvider.loadUser, which autosetup reaches via getUser("admin").
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT creationDate, modificationDate, plainPassword, encryptedPassword, storedKey FROM ofUser "
                        + "WHERE username=?")) {
            select.setString(1, "admin");
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("admin row").isTrue();
                assertThat(Long.parseLong(row.getString(1).trim())).isZero();
                assertThat(Long.parseLong(row.getString(2).trim())).isZero();
                assertThat(row.getString(3)).as("plainPassword").isNull();
                assertThat(row.getString(4)).as("encryptedPassword").isNull();
                assertThat(row.getString(5)).as("storedKey").isNull();
            }
        }
    }

    @Test
    void seedsTheConferenceServiceAsServiceOne() throws SQLException {
        assertThat(queryLong("SELECT serviceID FROM ofMucService WHERE subdomain='conference'")).isEqualTo(1L);
        assertThat(queryLong("SELECT COUNT(*) FROM ofMucService")).isEqualTo(1L);
    }

    @Test
    void seedsAnIdCounterPerIdTypeThatCannotCollideWithSeededRows() throws SQLException {
        Map<Integer, Long> counters = new TreeMap<>();
        try (Statement statement = connection().createStatement();
                ResultSet rows = statement.executeQuery("SELECT idType, id FROM ofID")) {
            while (rows.next()) {
                counters.put(rows.getInt(1), rows.getLong(2));
            }
        }
        assertThat(counters).isEqualTo(new TreeMap<>(EXPECTED_ID_COUNTERS));
        assertThat(counters.get(MUC_SERVICE_ID_TYPE))
                .isGreaterThan(queryLong("SELECT MAX(serviceID) FROM ofMucService"));
    }

    private Map<String, String> allowList() {
        Map<String, String> all = new HashMap<>(NEVER_RUN_AT_THIS_VERSION);
        all.putAll(notRunOnThisDatabase());
        return all;
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement statement = connection().createStatement(); ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).as("a row from %s", sql).isTrue();
            return row.getLong(1);
        }
    }
}
