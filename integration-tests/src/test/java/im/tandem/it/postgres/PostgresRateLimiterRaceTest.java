package im.tandem.it.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.database.ServerPerClass;
import im.tandem.it.openfire.RateLimiterRaceContract;
import im.tandem.openfire.storage.ConnectionSource;

/** The plugin's rate limiter raced on a real PostgreSQL server, as {@link RateLimiterRaceContract} says. */
@Tag("server")
@Tag("external")
class PostgresRateLimiterRaceTest extends RateLimiterRaceContract {
    @RegisterExtension
    static final ServerPerClass<PostgresServer> POSTGRES = new ServerPerClass<>(PostgresServer::start);

    @Override
    protected ConnectionSource createDatabase(String name) {
        ServerDatabase database = POSTGRES.server().createDatabase(name);
        return database::connect;
    }

    @Override
    protected String scriptName() {
        return "tandem_postgresql.sql";
    }
}
