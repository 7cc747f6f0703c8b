package im.tandem.it.postgres;

import org.junit.jupiter.api.Tag;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.delivery.CodeRequestRaceContract;

/** {@link CodeRequestRaceContract} on a real PostgreSQL server, on every Openfire the suite runs. */
@Tag("server")
@Tag("external")
class PostgresCodeRequestRaceTest extends CodeRequestRaceContract {
    private PostgresServer postgres;

    @Override
    protected ServerDatabase startDatabase() {
        postgres = PostgresServer.start();
        return postgres.database();
    }

    @Override
    protected void stopDatabase() {
        postgres.close();
    }
}
