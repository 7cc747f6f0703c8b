package im.tandem.openfire.limits;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import im.tandem.openfire.storage.ConnectionSource;
import im.tandem.openfire.storage.Sql;

/**
 * Sliding-window limits kept in the database (tdmRateEvent), so that every server of a cluster counts the
 * same events and a restart forgets nothing. Check and record are atomic per key: the transaction first
 * locks each key's row in tdmRateKey (an UPDATE, which PostgreSQL, MySQL and HSQLDB all make wait for the
 * holder's commit), and only then counts. Parallel requests for one key, from any server, so take turns and
 * each counts the events of those before it. Keys are locked in one order, so that two requests sharing two
 * keys never wait for each other.
 */
public final class RateLimiter {
    /**
     * A key's row is created on its first use, outside the transaction that locks it, which then runs again:
     * each new key costs one try, and requests racing to create one, or a purge removing it meanwhile, cost a
     * try more each; this many tries beyond one per key settle it.
     */
    public static final int TRIES = 5;

    private final ConnectionSource database;

    public RateLimiter(ConnectionSource database) {
        this.database = database;
    }

    /** A limit on one key: at most {@code max} events per {@code window}. */
    public record Limit(String key, int max, Duration window, String description) {
    }

    /** Refused: which limit and when the next event would be allowed. */
    public record Refusal(Limit limit, Duration retryAfter) {
    }

    /** Records one event under every limit when all allow it; otherwise records nothing. */
    public Optional<Refusal> tryAcquire(List<Limit> limits, Instant now) throws SQLException {
        List<String> keys = limits.stream().map(Limit::key).distinct().sorted().toList();
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = Sql.inTransactionRetrying(database, TRIES,
                    connection -> checkAndRecord(connection, keys, limits, now));
            if (outcome.missingKey().isEmpty()) {
                return outcome.refusal();
            }
            if (attempt >= TRIES + keys.size()) {
                throw new SQLException("could not create the rate limit row of " + outcome.missingKey().get()
                        + " in " + attempt + " tries");
            }
            createKey(outcome.missingKey().get(), now);
        }
    }

    /** What one transaction found: a refusal or none, or a key that has no row to lock yet. */
    private record Outcome(Optional<Refusal> refusal, Optional<String> missingKey) {
    }

    private static Outcome checkAndRecord(Connection connection, List<String> keys, List<Limit> limits, Instant now)
            throws SQLException {
        // Every lock before the first count: on MySQL the first plain read fixes what the transaction sees.
        for (String key : keys) {
            if (Sql.update(connection, "UPDATE tdmRateKey SET lockedAt = ? WHERE rateKey = ?", now.toEpochMilli(),
                    key) == 0) {
                return new Outcome(Optional.empty(), Optional.of(key));
            }
        }
        for (Limit limit : limits) {
            Optional<Refusal> refusal = check(connection, limit, now);
            if (refusal.isPresent()) {
                return new Outcome(refusal, Optional.empty());
            }
        }
        for (Limit limit : limits) {
            Sql.update(connection, "INSERT INTO tdmRateEvent (rateKey, happenedAt) VALUES (?, ?)", limit.key(),
                    now.toEpochMilli());
        }
        return new Outcome(Optional.empty(), Optional.empty());
    }

    /**
     * Creates a key's row on its own, committed at once: inside the locking transaction, requests racing to
     * create it deadlock on MySQL. Losing the race (a conflict) leaves the row the winner made, which is all
     * that is needed.
     */
    private void createKey(String key, Instant now) throws SQLException {
        try {
            Sql.once(database, connection -> Sql.update(connection,
                    "INSERT INTO tdmRateKey (rateKey, lockedAt) VALUES (?, ?)", key, now.toEpochMilli()));
        } catch (SQLException e) {
            if (!Sql.isConflict(e) && !Sql.isRollback(e)) {
                throw e;
            }
        }
    }

    /** Forgets events older than any window in use, and the keys not used since. */
    public int purgeBefore(Instant cutoff) throws SQLException {
        return Sql.once(database, connection -> {
            Sql.update(connection, "DELETE FROM tdmRateKey WHERE lockedAt < ?", cutoff.toEpochMilli());
            return Sql.update(connection, "DELETE FROM tdmRateEvent WHERE happenedAt < ?", cutoff.toEpochMilli());
        });
    }

    private static Optional<Refusal> check(Connection connection, Limit limit, Instant now) throws SQLException {
        long since = now.minus(limit.window()).toEpochMilli();
        List<Long> times = Sql.query(connection, "SELECT happenedAt FROM tdmRateEvent WHERE rateKey = ?"
                + " AND happenedAt > ? ORDER BY happenedAt DESC", limit.max(), row -> row.getLong(1), limit.key(), since);
        if (times.size() < limit.max()) {
            return Optional.empty();
        }
        // The oldest of the newest max events: once it leaves the window, one more is allowed.
        Instant freed = Instant.ofEpochMilli(times.get(times.size() - 1)).plus(limit.window());
        Duration wait = Duration.between(now, freed);
        return Optional.of(new Refusal(limit, wait.isNegative() ? Duration.ZERO : wait));
    }
}
