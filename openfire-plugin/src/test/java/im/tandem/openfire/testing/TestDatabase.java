package im.tandem.openfire.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
            // Openfire's own table, which the script registers its version in.
            statement.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL,"
                    + " CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            for (String sql : statements(SCRIPTS.resolve("tandem_hsqldb.sql"))) {
                statement.execute(sql);
            }
        }
        return database;
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
