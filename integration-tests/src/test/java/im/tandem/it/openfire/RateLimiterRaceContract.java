package im.tandem.it.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.storage.ConnectionSource;

/**
 * The plugin's rate limiter on a real server of one database, asked by many threads at once, each on its own
 * connection as parallel requests of several sessions (or servers) are: a limit lets exactly its number of events
 * through, however the requests interleave. A subclass supplies empty databases on its server.
 */
public abstract class RateLimiterRaceContract {
    /** As many parallel requests as the case: five sessions of one account asking four times each. */
    private static final int REQUESTS = 20;
    /** Rounds on fresh keys: one round may by chance not interleave. */
    private static final int ROUNDS = 5;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Connections to a new database with the given name, one per call. */
    protected abstract ConnectionSource createDatabase(String name) throws Exception;

    /** Which of the plugin's install scripts this database runs. */
    protected abstract String scriptName();

    @Test
    void parallelCodeRequestsOfOneAccountPassItsLimitExactlyAsOftenAsItAllows() throws Exception {
        ConnectionSource database = installed("race_account");
        RateLimiter limiter = new RateLimiter(database);
        for (int round = 0; round < ROUNDS; round++) {
            String account = "code-account:alice" + round;
            int round0 = round;
            int granted = race(request -> limiter.tryAcquire(List.of(
                    new RateLimiter.Limit(account, 5, HOUR, "codes for this account"),
                    new RateLimiter.Limit("code-destination:" + round0 + "-" + request, 3, HOUR, "codes to it")),
                    Instant.now()));
            assertThat(granted).as("codes granted in round %d", round).isEqualTo(5);
            assertThat(events(database, account)).as("events recorded in round %d", round).isEqualTo(5);
        }
    }

    @Test
    void parallelCodeRequestsOfManyAccountsForOneAddressPassItsLimitExactlyAsOftenAsItAllows() throws Exception {
        ConnectionSource database = installed("race_destination");
        RateLimiter limiter = new RateLimiter(database);
        for (int round = 0; round < ROUNDS; round++) {
            String destination = "code-destination:victim" + round;
            int round0 = round;
            int granted = race(request -> limiter.tryAcquire(List.of(
                    new RateLimiter.Limit("code-account:user" + round0 + "-" + request, 5, HOUR, "codes for it"),
                    new RateLimiter.Limit(destination, 3, HOUR, "codes to the victim")), Instant.now()));
            assertThat(granted).as("codes granted in round %d", round).isEqualTo(3);
            assertThat(events(database, destination)).as("events recorded in round %d", round).isEqualTo(3);
        }
    }

    /** One request of the race, numbered; empty when it was allowed. */
    @FunctionalInterface
    private interface Request {
        Optional<RateLimiter.Refusal> run(int number) throws Exception;
    }

    /** Runs the requests on as many threads, released together; returns how many were allowed. */
    private static int race(Request request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
        try {
            CountDownLatch ready = new CountDownLatch(REQUESTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int number = i;
                outcomes.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.run(number).isEmpty();
                }));
            }
            assertThat(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            go.countDown();
            int granted = 0;
            for (Future<Boolean> outcome : outcomes) {
                granted += outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS) ? 1 : 0;
            }
            return granted;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A new database with the table Openfire registers schema versions in and the plugin's install script. */
    private ConnectionSource installed(String name) throws Exception {
        ConnectionSource database = createDatabase(name);
        try (Connection connection = database.open(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL)");
            String entry = "database/" + scriptName();
            try (ZipFile jar = new ZipFile(HarnessPaths.pluginJar().toFile());
                    InputStream script = jar.getInputStream(jar.getEntry(entry))) {
                OpenfireScriptRunner.run(connection, script, entry);
            }
        }
        return database;
    }

    private static long events(ConnectionSource database, String key) throws Exception {
        try (Connection connection = database.open(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM tdmRateEvent WHERE rateKey = '" + key + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
