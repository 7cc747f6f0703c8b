package im.tandem.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import org.jivesoftware.database.DbConnectionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.database.ServerPerClass;
import im.tandem.it.openfire.OpenfireSchemaContract;

/**
 * Proves our Openfire 4.2.0 schema for PostgreSQL (openfire_postgresql.sql) against {@link OpenfireSchemaContract}
 * on a real PostgreSQL server, loaded once by Openfire's own script runner; the checks only read.
 *
 * <p>The JDBC driver sends nothing when a statement is prepared, so preparing alone proves nothing here. Asking for
 * the parameter metadata makes the driver send the statement to the server to be parsed and described without
 * being run, and the server then resolves every table and column. {@link #validationRejectsAMissingColumnOrTable}
 * proves that this check does fail.
 */
@Tag("external")
class PostgresSchemaTest extends OpenfireSchemaContract {

    private static final String SCHEMA_RESOURCE = "/im/tandem/it/openfire/openfire_postgresql.sql";
    /** SQLSTATE for a column that does not exist. */
    private static final String UNDEFINED_COLUMN = "42703";
    /** SQLSTATE for a table that does not exist. */
    private static final String UNDEFINED_TABLE = "42P01";

    /** Statements of other databases' dialects, each with the reason it never reaches PostgreSQL. */
    private static final Map<String, String> OTHER_DIALECTS = Map.of(
            "DELETE ofPubsubItem FROM ofPubsubItem LEFT JOIN (SELECT id FROM ofPubsubItem WHERE serviceID=? "
                    + "AND nodeID=? ORDER BY creationDate DESC LIMIT ?) AS noDelete ON ofPubsubItem.id = noDelete.id "
                    + "WHERE noDelete.id IS NULL AND ofPubsubItem.serviceID = ? AND nodeID = ?",
            "MySQL dialect of the pubsub purge; PostgreSQL gets its own variant",
            "DELETE FROM ofPubsubItem LEFT JOIN (SELECT id FROM ofPubsubItem WHERE serviceID=? AND nodeID=? "
                    + "ORDER BY creationDate DESC LIMIT ?) AS noDelete ON ofPubsubItem.id = noDelete.id "
                    + "WHERE noDelete.id IS NULL AND ofPubsubItem.serviceID = ? AND nodeID = ?",
            "pubsub purge for databases without their own variant; PostgreSQL gets its own");

    @RegisterExtension
    static final ServerPerClass<PostgresServer> POSTGRES = new ServerPerClass<>(PostgresServer::start);

    private static Connection connection;

    @BeforeAll
    static void loadSchemaWithOpenfiresScriptRunner() throws Exception {
        ServerDatabase database = POSTGRES.server().createDatabase("schema_check");
        connection = database.connect();
        loadWithOpenfiresScriptRunner(connection, SCHEMA_RESOURCE);
    }

    @AfterAll
    static void closeConnection() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void validationRejectsAMissingColumnOrTable() throws SQLException {
        String missingColumn = "SELECT username, noSuchColumn FROM ofUser WHERE username=?";
        // Preparing alone sends nothing to the server, so it cannot fail: this is why validate() asks for more.
        assertThatCode(() -> connection.prepareStatement(missingColumn).close()).doesNotThrowAnyException();
        assertThatThrownBy(() -> validate(missingColumn))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(UNDEFINED_COLUMN));
        assertThatThrownBy(() -> validate("UPDATE ofNoSuchTable SET name=? WHERE username=?"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(UNDEFINED_TABLE));
        validate("UPDATE ofUser SET name=? WHERE username=?");
    }

    @Test
    void openfireTakesThisServerForPostgresqlAndLooksForThisScript() throws SQLException {
        // DbConnectionManager.setMetaData: a product name containing "postgres" means DatabaseType.postgresql, and
        // SchemaManager then runs resources/database/openfire_<type>.sql.
        assertThat(connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)).contains("postgres");
        assertThat(SCHEMA_RESOURCE).endsWith("/openfire_" + DbConnectionManager.DatabaseType.postgresql + ".sql");
    }

    @Override
    protected Connection connection() {
        return connection;
    }

    @Override
    protected String schemaResource() {
        return SCHEMA_RESOURCE;
    }

    @Override
    protected void validate(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            // A server-side parse and describe of the statement, never an execution.
            statement.getParameterMetaData();
        }
    }

    @Override
    protected Map<String, String> notRunOnThisDatabase() {
        return OTHER_DIALECTS;
    }
}
