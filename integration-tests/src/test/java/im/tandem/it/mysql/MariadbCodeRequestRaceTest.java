package im.tandem.it.mysql;

import org.junit.jupiter.api.Tag;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.delivery.CodeRequestRaceContract;
import im.tandem.it.openfire.OpenfireDistribution;

/**
 * {@link CodeRequestRaceContract} on a real MariaDB server, where Openfire can run on it: an installed release,
 * which brings its MySQL scripts (4.2.0 from Maven Central has none, and the harness carries none).
 */
@Tag("server")
@Tag("external")
class MariadbCodeRequestRaceTest extends CodeRequestRaceContract {
    private MariadbServer mariadb;

    @Override
    protected boolean runsOn(OpenfireDistribution distribution) {
        return distribution.hasOwnSchemaScripts();
    }

    @Override
    protected ServerDatabase startDatabase() {
        mariadb = MariadbServer.start();
        return mariadb.createDatabase("openfire");
    }

    @Override
    protected void stopDatabase() {
        mariadb.close();
    }
}
