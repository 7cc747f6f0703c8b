package im.tandem.it.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.it.openfire.OpenfireClasses;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * An admin who installs a newer plugin on a server that ran an older one gets its tables upgraded by Openfire's
 * schema manager from the plugin's database/upgrade scripts, with what was there kept.
 */
@Tag("server")
class PluginSchemaUpgradeTest {
    /** Long enough for the plugin's first scan of the offline store, which starts 200 ms after it loads. */
    private static final Duration FIRST_SCAN = Duration.ofSeconds(2);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").build());

    @Test
    void aSchemaOneDatabaseIsUpgradedWhenThePluginLoadsAndItsWaitingMessagesCountAsTaken() throws Exception {
        OpenfireProcess server = OPENFIRE.server();
        server.stop();
        try (Connection database = open(server); Statement sql = database.createStatement()) {
            // Schema 1 is the current schema without the tables and the columns upgrade/2 to upgrade/4 add.
            sql.execute("DROP TABLE tdmOfflineSeen");
            sql.execute("DROP TABLE tdmRateKey");
            sql.execute("ALTER TABLE tdmNotifySettings DROP COLUMN awaySeconds");
            sql.execute("ALTER TABLE tdmNotifySettings DROP COLUMN fax");
            sql.execute("UPDATE ofVersion SET version = 1 WHERE name = 'tandem'");
            // An opted-in user with a message the old plugin had already queued when it stopped.
            sql.execute("INSERT INTO tdmNotifySettings (username, email, channels, holdOffSeconds, digest, timeZone,"
                    + " smsNonContacts, updatedAt) VALUES ('alice', 'alice@example.test', 'email', 60, 1, 'UTC', 0, 0)");
            sql.execute("INSERT INTO ofOffline (username, messageID, creationDate, messageSize, stanza) VALUES"
                    + " ('alice', 77, '001700000000000', 90, '<message to=\"alice@" + server.domain()
                    + "\" from=\"bob@" + server.domain() + "/x\" type=\"chat\"><body>queued before</body></message>')");
            sql.execute("SHUTDOWN");
        }

        server.startAgain();
        assertThat(Files.readString(server.home().logFile()))
                .contains("Found old database version 1 for tandem. Upgrading to version 4...");
        try (TandemClient alice = OPENFIRE.login("alice")) {
            assertThat(new NotifySettingsClient(alice.connection()).status().field("email"))
                    .as("the settings survived the upgrade").isEqualTo("alice@example.test");
        }
        Thread.sleep(FIRST_SCAN.toMillis());
        server.stop();

        try (Connection database = open(server); Statement sql = database.createStatement()) {
            assertThat(count(sql, "SELECT version FROM ofVersion WHERE name = 'tandem'")).isEqualTo(4);
            assertThat(count(sql, "SELECT COUNT(*) FROM tdmRateKey")).as("upgrade/3 created the key table").isZero();
            assertThat(count(sql, "SELECT COUNT(*) FROM tdmOfflineSeen WHERE username = 'alice' AND messageID = 77"))
                    .as("the waiting message counts as taken").isEqualTo(1);
            assertThat(count(sql, "SELECT COUNT(*) FROM tdmDelivery WHERE username = 'alice'"))
                    .as("so the new plugin did not queue it a second time").isZero();
            sql.execute("SHUTDOWN");
        }
        server.startAgain();
    }

    /**
     * Openfire's embedded database, opened while Openfire is stopped (HSQLDB allows one process per file), with
     * the HSQLDB of that Openfire: an older HSQLDB cannot read the files a newer one wrote (4.2.0 ships 2.3.4,
     * 5.1.1 ships 2.7.4).
     */
    private static Connection open(OpenfireProcess server) throws Exception {
        return OpenfireClasses.connect("org.hsqldb.jdbc.JDBCDriver",
                "jdbc:hsqldb:file:" + server.home().root().resolve("db/openfire"), "sa", "");
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
