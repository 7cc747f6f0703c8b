package im.tandem.it.mysql;

import java.sql.SQLException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.database.ServerPerClass;
import im.tandem.it.openfire.RateLimiterRaceContract;
import im.tandem.openfire.storage.ConnectionSource;

/**
 * The plugin's rate limiter raced on a real MariaDB server, as {@link RateLimiterRaceContract} says, through the
 * driver the Openfire under test uses for it ({@link MariadbConnections}).
 */
@Tag("server")
@Tag("external")
class MariadbRateLimiterRaceTest extends RateLimiterRaceContract {
    @RegisterExtension
    static final ServerPerClass<MariadbServer> MARIADB = new ServerPerClass<>(MariadbServer::start);

    @Override
    protected ConnectionSource createDatabase(String name) {
        ServerDatabase database = MARIADB.server().createDatabase(name);
        return () -> {
            try {
                return MariadbConnections.connect(database);
            } catch (ReflectiveOperationException e) {
                throw new SQLException("the Openfire under test cannot load its driver for " + database, e);
            }
        };
    }

    @Override
    protected String scriptName() {
        return "tandem_mysql.sql";
    }
}
