package im.tandem.it.openfire;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;


/**
 * Proves our Openfire 4.2.0 schema for the embedded database (openfire_hsqldb.sql) against
 * {@link OpenfireSchemaContract}, on a fresh in-memory HSQLDB per test. HSQLDB checks tables and columns while
 * preparing a statement, so preparing is the whole check.
 */
class OpenfireSchemaTest extends OpenfireSchemaContract {

    private static final String SCHEMA_RESOURCE = "/im/tandem/it/openfire/openfire_hsqldb.sql";

    /** Statements of other databases' dialects, each with the reason it never reaches HSQLDB. */
    private static final Map<String, String> OTHER_DIALECTS = Map.of(
            "select 1", "fallback connection test query; HSQLDB needs a FROM, so OpenfireJdbcSettings sets testSQL",
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
        loadWithOpenfiresScriptRunner(connection, SCHEMA_RESOURCE);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        connection.close();
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
        try (PreparedStatement ignored = connection.prepareStatement(sql)) {
            // Preparing is the check: HSQLDB resolves every table and column here.
        }
    }

    @Override
    protected Map<String, String> notRunOnThisDatabase() {
        return OTHER_DIALECTS;
    }
}
