package im.tandem.it.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.openfire.RateLimiterRaceContract;
import im.tandem.openfire.storage.ConnectionSource;

/** The plugin's rate limiter raced on a real PostgreSQL server, as {@link RateLimiterRaceContract} says. */
@Tag("server")
@Tag("external")
class PostgresRateLimiterRaceTest extends RateLimiterRaceContract {
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected ConnectionSource createDatabase(String name) {
        ServerDatabase database = postgres.createDatabase(name);
        return database::connect;
    }

    @Override
    protected String scriptName() {
        return "tandem_postgresql.sql";
    }
}
