package im.tandem.it.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.jivesoftware.database.SchemaManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * Proves our Openfire 4.2.0 schema (openfire_hsqldb.sql): Openfire's own script runner loads it, every SQL
 * statement compiled into the xmppserver jar prepares against it (HSQLDB checks tables and columns while
 * preparing), and the rows Openfire's first boot relies on are seeded.
 */
class OpenfireSchemaTest {

    private static final String SCHEMA_RESOURCE = "/im/tandem/it/openfire/openfire_hsqldb.sql";

    /** The version SchemaManager of Openfire 4.2.0 requires; anything lower makes it run upgrade scripts. */
    private static final int OPENFIRE_SCHEMA_VERSION = 26;

    /**
     * Next id for each id type Openfire 4.2.0 draws from SequenceManager (JiveConstants): 18 roster items,
     * 19 offline messages, 23 MUC rooms, 25 security audit entries, 26 MUC services. 26 starts at 2 because
     * the seeded conference service holds id 1.
     */
    private static final Map<Integer, Long> EXPECTED_ID_COUNTERS = Map.of(18, 1L, 19, 1L, 23, 1L, 25, 1L, 26, 2L);

    private static final int MUC_SERVICE_ID_TYPE = 26;

    /** JVMS 4.4.3: constant-pool tag of a string literal. */
    private static final int CONSTANT_STRING_TAG = 8;

    /** What an SQL statement looks like, as opposed to log text such as "Delete a User". */
    private static final Pattern SQL_STATEMENT = Pattern.compile(
            "\\s*(SELECT\\s.*\\sFROM\\s.*|SELECT\\s+1\\s*|INSERT\\s+INTO\\s.*|UPDATE\\s+\\w+\\s+SET\\s.*"
                    + "|DELETE\\s+(\\w+\\s+)?FROM\\s.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * Fragments Openfire completes at run time, with the completion it appends, so the assembled statement is
     * what gets prepared.
     */
    private static final Map<String, String> RUNTIME_COMPLETIONS = Map.of(
            // DefaultUserProvider.findUsers appends one LIKE condition per search field.
            "SELECT username FROM ofUser WHERE", " username LIKE ? OR name LIKE ? OR email LIKE ?");

    /** Statements in the jar that never run against an HSQLDB schema at version 26, each with the reason. */
    private static final Map<String, String> NOT_RUN_ON_THIS_SCHEMA = Map.of(
            "SELECT version FROM jiveVersion WHERE name=?",
            "legacy Jive/Wildfire version table, consulted only when ofVersion is missing",
            "SELECT minorVersion FROM jiveVersion",
            "legacy Jive/Wildfire version table, consulted only when ofVersion is missing",
            "UPDATE jiveVersion SET name='openfire' WHERE name='wildfire'",
            "legacy Wildfire rename, run only on a database without ofVersion",
            "select 1", "fallback connection test query; HSQLDB needs a FROM, so OpenfireConfigFile sets testSQL",
            "select 1 from sysibm.sysdummy1", "DB2 connection test query",
            "select 1 from dual", "Oracle connection test query",
            "INSERT INTO ofMucConversationLog(roomID, sender, nickname, logTime, subject, body VALUES(?,?,?,?,?,?)",
            "malformed in Openfire itself (missing parenthesis); only the OF33 upgrade fix from version 20 uses it",
            "DELETE ofPubsubItem FROM ofPubsubItem LEFT JOIN (SELECT id FROM ofPubsubItem WHERE serviceID=? "
                    + "AND nodeID=? ORDER BY creationDate DESC LIMIT ?) AS noDelete ON ofPubsubItem.id = noDelete.id "
                    + "WHERE noDelete.id IS NULL AND ofPubsubItem.serviceID = ? AND nodeID = ?",
            "MySQL dialect of the pubsub purge; HSQLDB gets its own variant",
            "DELETE FROM ofPubsubItem LEFT JOIN (SELECT id FROM ofPubsubItem WHERE serviceID=? AND nodeID=? "
                    + "ORDER BY creationDate DESC LIMIT ?) AS noDelete ON ofPubsubItem.id = noDelete.id "
                    + "WHERE noDelete.id IS NULL AND ofPubsubItem.serviceID = ? AND nodeID = ?",
            "pubsub purge for databases without their own variant; HSQLDB gets its own");

    private Connection connection;

    @BeforeEach
    void loadSchemaWithOpenfiresScriptRunner() throws Exception {
        connection = DriverManager.getConnection("jdbc:hsqldb:mem:schema-" + UUID.randomUUID(), "SA", "");
        try (InputStream script = OpenfireSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertThat(script).as("schema resource %s", SCHEMA_RESOURCE).isNotNull();
            runWithOpenfiresScriptRunner(script);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        connection.close();
    }

    @Test
    void recordsTheSchemaVersionOpenfire420Requires() throws SQLException {
        assertThat(queryLong("SELECT version FROM ofVersion WHERE name='openfire'"))
                .isEqualTo(OPENFIRE_SCHEMA_VERSION);
    }

    @Test
    void everySqlStatementInOpenfirePreparesAgainstTheSchema() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, String> foundInJar = openfireSqlStatements();
        foundInJar.forEach((sql, className) -> {
            if (NOT_RUN_ON_THIS_SCHEMA.containsKey(sql)) {
                return;
            }
            String assembled = sql + RUNTIME_COMPLETIONS.getOrDefault(sql, "");
            try (PreparedStatement ignored = connection.prepareStatement(assembled)) {
                // Preparing is the check: HSQLDB resolves every table and column here.
            } catch (SQLException e) {
                failures.add(className + ": " + assembled + "\n    -> " + e.getMessage());
            }
        });

        assertThat(failures).as("Openfire statements that do not prepare against %s", SCHEMA_RESOURCE).isEmpty();
        assertThat(foundInJar.keySet())
                .as("every allow-list entry is still in the jar")
                .containsAll(NOT_RUN_ON_THIS_SCHEMA.keySet())
                .containsAll(RUNTIME_COMPLETIONS.keySet());
    }

    @Test
    void everyTableInTheSchemaIsUsedByOpenfire() throws Exception {
        String allSql = String.join("\n", openfireSqlStatements().keySet());
        List<String> unused = new ArrayList<>();
        try (ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String table = tables.getString("TABLE_NAME");
                if (!Pattern.compile("\\b" + table + "\\b", Pattern.CASE_INSENSITIVE).matcher(allSql).find()) {
                    unused.add(table);
                }
            }
        }
        assertThat(unused).as("tables no Openfire statement mentions").isEmpty();
    }

    @Test
    void seedsTheAdminUserWithoutAPassword() throws SQLException {
        // The same columns and parsing as DefaultUserProvider.loadUser, which autosetup reaches via getUser("admin").
        try (PreparedStatement select = connection.prepareStatement(
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
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT idType, id FROM ofID")) {
            while (rows.next()) {
                counters.put(rows.getInt(1), rows.getLong(2));
            }
        }
        assertThat(counters).isEqualTo(new TreeMap<>(EXPECTED_ID_COUNTERS));
        assertThat(counters.get(MUC_SERVICE_ID_TYPE))
                .isGreaterThan(queryLong("SELECT MAX(serviceID) FROM ofMucService"));
    }

    /**
     * Runs the script through SchemaManager's private executeSQLScript, the very code Openfire uses on first boot,
     * so the file is split and filtered exactly as Openfire does it. FALSE: Openfire renames jiveVersion only in
     * plugin scripts.
     */
    private void runWithOpenfiresScriptRunner(InputStream script) throws Exception {
        Method runner = SchemaManager.class.getDeclaredMethod(
                "executeSQLScript", Connection.class, InputStream.class, Boolean.class);
        runner.setAccessible(true);
        try {
            runner.invoke(null, connection, script, Boolean.FALSE);
        } catch (InvocationTargetException e) {
            throw new AssertionError("Openfire's script runner rejected " + SCHEMA_RESOURCE, e.getCause());
        }
    }

    /** Every SQL string literal in the xmppserver jar, in jar order, mapped to the first class holding it. */
    private static Map<String, String> openfireSqlStatements() throws IOException, URISyntaxException {
        Path jar = Path.of(SchemaManager.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> statements = new LinkedHashMap<>();
        try (JarFile classes = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(classes.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = classes.getInputStream(entry)) {
                    String className = entry.getName().replace('/', '.').replaceAll("\\.class$", "");
                    for (String literal : stringLiterals(new ClassReader(in))) {
                        if (SQL_STATEMENT.matcher(literal).matches()) {
                            statements.putIfAbsent(literal, className);
                        }
                    }
                }
            }
        }
        assertThat(statements).as("SQL statements found in %s", jar).isNotEmpty();
        return statements;
    }

    private static List<String> stringLiterals(ClassReader reader) {
        List<String> literals = new ArrayList<>();
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int item = 1; item < reader.getItemCount(); item++) {
            int offset = reader.getItem(item);
            // Offset 0 marks the unused slot after a long or double constant.
            if (offset > 0 && reader.b[offset - 1] == CONSTANT_STRING_TAG) {
                literals.add((String) reader.readConst(item, buffer));
            }
        }
        return literals;
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).as("a row from %s", sql).isTrue();
            return row.getLong(1);
        }
    }
}
