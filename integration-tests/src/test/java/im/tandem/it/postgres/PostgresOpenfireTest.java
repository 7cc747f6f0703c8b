package im.tandem.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.client.chat.IncomingMessage;
import im.tandem.it.database.ServerDatabase;
import im.tandem.it.database.ServerPerClass;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * A real Openfire 4.2.0 with the plugin, keeping its data in a real PostgreSQL: it creates its tables there from
 * our schema on first boot, our clients chat through it, offline messages are stored in PostgreSQL and handed over
 * at the next login, and a restart keeps everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("server")
@Tag("external")
class PostgresOpenfireTest {
    private static final Pattern SCHEMA_VERSION = Pattern.compile(
            "INSERT INTO ofVersion \\(name, version\\) VALUES \\('openfire', (\\d+)\\)");
    /** The Openfire home is kept when the class fails, so that its logs can be read. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path home;

    @RegisterExtension
    static final ServerPerClass<PostgresServer> POSTGRES = new ServerPerClass<>(PostgresServer::start);

    private static ServerDatabase database;
    private static OpenfireProcess openfire;

    @BeforeAll
    static void bootOpenfireOnPostgres() {
        database = POSTGRES.server().database();
        OpenfireSettings settings = OpenfireSettings.builder()
                .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw").user("dave", "dave-pw")
                .database(database.jdbcUrl(), database.user(), database.password())
                .build();
        openfire = OpenfireProcess.start(home, settings, HarnessPaths.pluginJar());
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    /** The version the PostgreSQL schema script of this Openfire records (4.2.0: 26, 5.1.1: 38). */
    private static String schemaVersionOfTheScript() throws IOException {
        Matcher version = SCHEMA_VERSION.matcher(
                Files.readString(home.resolve("resources/database/openfire_postgresql.sql")));
        assertThat(version.find()).as("the script records its schema version").isTrue();
        return version.group(1);
    }

    @Test
    void openfireCreatesItsTablesAndUsersInPostgresNotInTheHome() throws Exception {
        assertThat(StoredRows.strings(database, "SELECT CAST(version AS VARCHAR) FROM ofVersion WHERE name=?",
                "openfire")).containsExactly(schemaVersionOfTheScript());
        assertThat(StoredRows.strings(database, "SELECT username FROM ofUser WHERE username IN ('alice', 'bob', ?)",
                "carol")).containsExactlyInAnyOrder("alice", "bob", "carol");
        try (Stream<Path> embedded = Files.list(home.resolve("db"))) {
            assertThat(embedded).as("HSQLDB files in the home").isEmpty();
        }
    }

    @Test
    void twoClientsChatThroughOpenfireOnPostgres() throws Exception {
        try (InboxClient alice = InboxClient.login(openfire, "alice", "alice-pw");
                InboxClient bob = InboxClient.login(openfire, "bob", "bob-pw")) {
            alice.send("bob", "hello bob");
            IncomingMessage atBob = bob.next();
            assertThat(atBob.from().toString()).isEqualTo(alice.client().jid().toString());
            assertThat(atBob.body()).isEqualTo("hello bob");
            assertThat(atBob.delayedFrom()).isEmpty();

            bob.send("alice", "hi alice – ünïcödé ✓");
            assertThat(alice.next().body()).isEqualTo("hi alice – ünïcödé ✓");
        }
    }

    @Test
    void anOfflineMessageIsStoredInPostgresAndDeliveredAtNextLogin() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (InboxClient alice = InboxClient.login(openfire, "alice", "alice-pw")) {
            alice.send("carol", "while you were out – ✓");
        }
        await().atMost(InboxClient.WAIT).until(() -> storedFor("carol").size() == 1);
        assertThat(storedFor("carol").get(0)).contains("while you were out – ✓");

        try (InboxClient carol = InboxClient.login(openfire, "carol", "carol-pw")) {
            IncomingMessage stored = carol.next();
            assertThat(stored.body()).isEqualTo("while you were out – ✓");
            assertThat(stored.from().toString()).isEqualTo("alice@" + openfire.domain());
            assertThat(stored.delayedFrom()).hasValueSatisfying(stamp -> assertThat(stamp).isAfter(before));
        }
        await().atMost(InboxClient.WAIT).until(() -> storedFor("carol").isEmpty());
    }

    @Test
    void aRestartKeepsUsersAndStoredMessages() throws Exception {
        // Created on the running server, not from the settings, so only the database can bring it back.
        openfire.ensureUser("erin", "erin-pw");
        try (InboxClient bob = InboxClient.login(openfire, "bob", "bob-pw")) {
            bob.send("erin", "survives a restart");
        }
        await().atMost(InboxClient.WAIT).until(() -> storedFor("erin").size() == 1);

        openfire.restart();

        try (InboxClient erin = InboxClient.login(openfire, "erin", "erin-pw")) {
            IncomingMessage stored = erin.next();
            assertThat(stored.body()).isEqualTo("survives a restart");
            assertThat(stored.delayedFrom()).isPresent();
        }
    }

    /** Last, so that it covers what every other test made the server do. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noStatementFailedInPostgres() {
        assertThat(OpenfireSqlErrors.unexpected(POSTGRES.server())).as("errors PostgreSQL logged").isEmpty();
    }

    private static List<String> storedFor(String username) throws SQLException {
        return StoredRows.offlineStanzas(database, username);
    }
}
