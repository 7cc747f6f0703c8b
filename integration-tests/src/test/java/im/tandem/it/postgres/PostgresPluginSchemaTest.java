package im.tandem.it.postgres;

import java.sql.Connection;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.it.database.ServerPerClass;
import im.tandem.it.openfire.PluginSchemaContract;

/** The plugin's PostgreSQL scripts on a real PostgreSQL server, as {@link PluginSchemaContract} says. */
@Tag("server")
@Tag("external")
class PostgresPluginSchemaTest extends PluginSchemaContract {
    @RegisterExtension
    static final ServerPerClass<PostgresServer> POSTGRES = new ServerPerClass<>(PostgresServer::start);

    @Override
    protected String databaseType() {
        return "postgresql";
    }

    @Override
    protected Connection createDatabase(String name) throws Exception {
        return POSTGRES.server().createDatabase(name).connect();
    }

    /** Our whole Openfire schema for PostgreSQL, the one Openfire itself runs in the other PostgreSQL tests. */
    @Override
    protected String openfireTablesResource() {
        return "/im/tandem/it/openfire/openfire_postgresql.sql";
    }

    @Override
    protected String currentSchemaFunction() {
        return "current_schema()";
    }

    /** pg_indexes gives each index's CREATE INDEX statement, which says all there is to it. */
    @Override
    protected String indexesQuery() {
        return "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                + " AND tablename LIKE 'tdm%'";
    }
}
