package im.tandem.it.cluster;

import java.nio.file.Path;
import java.util.List;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.it.postgres.PostgresServer;

/**
 * Two Openfire servers of one domain with the plugin, each with its own home and client port, on one throwaway
 * PostgreSQL database: all that the plugin's nodes share in a cluster, without the clustering plugin itself.
 */
final class TwoServers implements AutoCloseable {
    private final PostgresServer postgres;
    private final OpenfireProcess first;
    private final OpenfireProcess second;

    private TwoServers(PostgresServer postgres, OpenfireProcess first, OpenfireProcess second) {
        this.postgres = postgres;
        this.first = first;
        this.second = second;
    }

    /**
     * Starts PostgreSQL, then the servers one after the other: the first creates the tables, which an empty
     * database needs exactly once. Openfire keeps its properties in the shared ofProperty table, so the
     * settings are the same for both; the harness sets each server's client port just before its boot.
     */
    static TwoServers start(Path firstHome, Path secondHome, OpenfireSettings.Builder settings) {
        PostgresServer postgres = PostgresServer.start();
        OpenfireProcess first = null;
        try {
            ServerDatabase database = postgres.database();
            OpenfireSettings shared = settings
                    // Openfire's Flash policy listener has one fixed port (5229), which only one server can take.
                    .property("flash.crossdomain.enabled", "false")
                    .database(database.jdbcUrl(), database.user(), database.password())
                    .build();
            first = OpenfireProcess.start(firstHome, shared, HarnessPaths.pluginJar());
            OpenfireProcess second = OpenfireProcess.start(secondHome, shared, HarnessPaths.pluginJar());
            return new TwoServers(postgres, first, second);
        } catch (RuntimeException e) {
            if (first != null) {
                first.close();
            }
            postgres.close();
            throw e;
        }
    }

    OpenfireProcess first() {
        return first;
    }

    OpenfireProcess second() {
        return second;
    }

    List<OpenfireProcess> both() {
        return List.of(first, second);
    }

    PostgresServer postgres() {
        return postgres;
    }

    ServerDatabase database() {
        return postgres.database();
    }

    @Override
    public void close() {
        try {
            second.close();
            first.close();
        } finally {
            postgres.close();
        }
    }
}
