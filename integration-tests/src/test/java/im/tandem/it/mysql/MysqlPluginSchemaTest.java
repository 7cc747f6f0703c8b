package im.tandem.it.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.it.database.ServerPerClass;
import im.tandem.it.openfire.PluginSchemaContract;

/**
 * The plugin's MySQL scripts on a real MariaDB server, as {@link PluginSchemaContract} says, connected the way an admin
 * of the Openfire under test connects it ({@link MariadbConnections}).
 */
@Tag("server")
@Tag("external")
class MysqlPluginSchemaTest extends PluginSchemaContract {
    @RegisterExtension
    static final ServerPerClass<MariadbServer> MARIADB = new ServerPerClass<>(MariadbServer::start);

    @Test
    void openfireTakesThisServerForTheTypeWhoseScriptsRun() throws Exception {
        try (Connection connection = createDatabase("product_check")) {
            // DbConnectionManager.setMetaData: a product name containing "maria" means DatabaseType.mariadb on the
            // releases that have it, one containing "mysql" means DatabaseType.mysql.
            assertThat(connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT))
                    .contains(MariadbConnections.MARIADB_TYPE ? "maria" : "mysql");
            assertThat(connection.getMetaData().getDatabaseProductVersion()).as("the server behind the name")
                    .contains("MariaDB");
        }
    }

    @Override
    protected String databaseType() {
        return MariadbConnections.databaseType();
    }

    @Override
    protected Connection createDatabase(String name) throws Exception {
        return MariadbConnections.connect(MARIADB.server().createDatabase(name));
    }

    @Override
    protected String openfireTablesResource() {
        return "/im/tandem/it/mysql/openfire_plugin_tables_mysql.sql";
    }

    /** A MySQL schema is a database; one server holds them all in one information_schema. */
    @Override
    protected String currentSchemaFunction() {
        return "DATABASE()";
    }

    /** One row of information_schema.statistics per indexed column; index names are unique per table only. */
    @Override
    protected String indexesQuery() {
        return "SELECT CONCAT(table_name, '.', index_name), non_unique, index_type,"
                + " GROUP_CONCAT(column_name ORDER BY seq_in_index) AS indexed_columns"
                + " FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name LIKE 'tdm%'"
                + " GROUP BY table_name, index_name, non_unique, index_type";
    }
}
