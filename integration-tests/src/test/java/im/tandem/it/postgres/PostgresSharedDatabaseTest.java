package im.tandem.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

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
 * Two Openfire processes of one domain, each with its own home and client port, on one PostgreSQL database: the
 * set-up a cluster test builds on. The first boot creates the tables, the second finds them, and both serve
 * logins from the same users. Without clustering each server routes only to its own sessions; what they share is
 * what is stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("server")
@Tag("external")
class PostgresSharedDatabaseTest {
    /** The Openfire homes are kept when the class fails, so that their logs can be read. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path firstHome;
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path secondHome;

    @RegisterExtension
    static final ServerPerClass<PostgresServer> POSTGRES = new ServerPerClass<>(PostgresServer::start);

    private static ServerDatabase database;
    private static OpenfireProcess first;
    private static OpenfireProcess second;

    @BeforeAll
    static void bootTwoServersOnOneDatabase() {
        database = POSTGRES.server().database();
        OpenfireSettings settings = OpenfireSettings.builder()
                .user("alice", "alice-pw").user("bob", "bob-pw").user("dave", "dave-pw")
                // Openfire's Flash policy listener has one fixed port (5229), which only one server can take.
                .property("flash.crossdomain.enabled", "false")
                .database(database.jdbcUrl(), database.user(), database.password())
                .build();
        // One after the other: the first creates the tables, which an empty database needs exactly once.
        first = OpenfireProcess.start(firstHome, settings, HarnessPaths.pluginJar());
        second = OpenfireProcess.start(secondHome, settings, HarnessPaths.pluginJar());
    }

    @AfterAll
    static void stopAll() {
        closeQuietly(second);
        closeQuietly(first);
    }

    @Test
    void bothServersRunOnOneDatabaseWithTheirOwnPorts() throws Exception {
        assertThat(first.isRunning()).isTrue();
        assertThat(second.isRunning()).isTrue();
        assertThat(first.pid()).isNotEqualTo(second.pid());
        assertThat(first.clientPort()).isNotEqualTo(second.clientPort());
        assertThat(first.domain()).isEqualTo(second.domain());
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM ofVersion WHERE name='openfire'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).as("schema installations").isEqualTo(1);
        }
    }

    @Test
    void bothServersServeLoginsOfTheSameUsers() throws Exception {
        try (InboxClient aliceAtFirst = InboxClient.login(first, "alice", "alice-pw");
                InboxClient bobAtSecond = InboxClient.login(second, "bob", "bob-pw");
                InboxClient bobAtFirst = InboxClient.login(first, "bob", "bob-pw")) {
            assertThat(aliceAtFirst.client().connection().isAuthenticated()).isTrue();
            assertThat(bobAtSecond.client().connection().isAuthenticated()).isTrue();
            assertThat(bobAtSecond.client().connection().getPort()).isEqualTo(second.clientPort());

            // Each server still routes between its own sessions.
            aliceAtFirst.send("bob", "same server");
            assertThat(bobAtFirst.next().body()).isEqualTo("same server");
        }
    }

    @Test
    void aUserCreatedThroughOneServerLogsInAtTheOther() throws Exception {
        first.ensureUser("carol", "carol-pw");
        try (InboxClient carolAtSecond = InboxClient.login(second, "carol", "carol-pw")) {
            assertThat(carolAtSecond.client().connection().isAuthenticated()).isTrue();
        }
    }

    @Test
    void aMessageStoredByOneServerIsDeliveredByTheOther() throws Exception {
        try (InboxClient aliceAtFirst = InboxClient.login(first, "alice", "alice-pw")) {
            aliceAtFirst.send("dave", "stored by the first server");
        }
        await().atMost(InboxClient.WAIT).until(() -> StoredRows.offlineStanzas(database, "dave").size() == 1);
        try (InboxClient daveAtSecond = InboxClient.login(second, "dave", "dave-pw")) {
            IncomingMessage stored = daveAtSecond.next();
            assertThat(stored.body()).isEqualTo("stored by the first server");
            assertThat(stored.delayedFrom()).isPresent();
        }
    }

    /** Last, so that it covers what every other test made the server do. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noStatementFailedInPostgres() {
        assertThat(OpenfireSqlErrors.unexpected(POSTGRES.server())).as("errors PostgreSQL logged").isEmpty();
    }

    private static void closeQuietly(OpenfireProcess server) {
        if (server != null) {
            server.close();
        }
    }
}
