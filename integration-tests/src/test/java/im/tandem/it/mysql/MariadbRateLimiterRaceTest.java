package im.tandem.it.mysql;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.openfire.RateLimiterRaceContract;
import im.tandem.openfire.storage.ConnectionSource;

/**
 * The plugin's rate limiter raced on a real MariaDB server, as {@link RateLimiterRaceContract} says, through the
 * driver the Openfire under test uses for it ({@link MariadbConnections}).
 */
@Tag("server")
@Tag("external")
class MariadbRateLimiterRaceTest extends RateLimiterRaceContract {
    private static MariadbServer mariadb;

    @BeforeAll
    static void startMariadb() {
        mariadb = MariadbServer.start();
    }

    @AfterAll
    static void stopMariadb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Override
    protected ConnectionSource createDatabase(String name) {
        ServerDatabase database = mariadb.createDatabase(name);
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
