package im.tandem.openfire.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import im.tandem.openfire.storage.ConnectionSource;

/**
 * A fresh in-memory HSQLDB (the engine of Openfire's embedded database) with the plugin's tables, created
 * by running the plugin's own HSQLDB script the way Openfire's SchemaManager runs it.
 */
public final class TestDatabase implements ConnectionSource {
    public static final Path SCRIPTS = Path.of("src/main/plugin/database");

    private final String url = "jdbc:hsqldb:mem:tandem-" + UUID.randomUUID();

    private TestDatabase() {
    }

    public static TestDatabase create() throws SQLException, IOException {
        TestDatabase database = new TestDatabase();
        try (Connection connection = database.open(); Statement statement = connection.createStatement()) {
            // Openfire's own tables that the plugin uses: the script registers its version in the first,
            // the offline relay reads the second.
            statement.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL,"
                    + " CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            statement.execute("CREATE TABLE ofOffline (username VARCHAR(64) NOT NULL, messageID BIGINT NOT NULL,"
                    + " creationDate CHAR(15) NOT NULL, messageSize INTEGER NOT NULL, stanza LONGVARCHAR NOT NULL,"
                    + " CONSTRAINT ofOffline_pk PRIMARY KEY (username, messageID))");
            for (String sql : statements(SCRIPTS.resolve("tandem_hsqldb.sql"))) {
                statement.execute(sql);
            }
        }
        return database;
    }

    /** Stores a message offline the way Openfire does: creationDate is zero-padded epoch milliseconds. */
    public void storeOffline(String username, long messageId, Instant storedAt, String stanza) throws SQLException {
        try (Connection connection = open(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ofOffline (username, messageID, creationDate, messageSize, stanza) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, username);
            insert.setLong(2, messageId);
            insert.setString(3, String.format("%015d", storedAt.toEpochMilli()));
            insert.setInt(4, stanza.length());
            insert.setString(5, stanza);
            insert.executeUpdate();
        }
    }

    /** Openfire hands the user's offline messages over at login and deletes them. */
    public void handOver(String username) throws SQLException {
        try (Connection connection = open(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM ofOffline WHERE username = ?")) {
            delete.setString(1, username);
            delete.executeUpdate();
        }
    }

    @Override
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, "SA", "");
    }

    /** Splits a script as Openfire's SchemaManager does: comment lines dropped, statements end with a semicolon. */
    public static List<String> statements(Path script) throws IOException {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(script)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(' ').append(trimmed);
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(1, current.length() - 1));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            throw new IllegalStateException(script + " ends with an unterminated statement: " + current);
        }
        return statements;
    }
}
