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
 * same events and a restart forgets nothing. Check and record run in one transaction; two servers racing
 * for the last slot may both get it, which overshoots a limit by at most one per server.
 */
public final class RateLimiter {
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
        return Sql.inTransaction(database, connection -> {
            for (Limit limit : limits) {
                Optional<Refusal> refusal = check(connection, limit, now);
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
            for (Limit limit : limits) {
                Sql.update(connection, "INSERT INTO tdmRateEvent (rateKey, happenedAt) VALUES (?, ?)", limit.key(),
                        now.toEpochMilli());
            }
            return Optional.<Refusal>empty();
        });
    }

    /** Forgets events older than any window in use. */
    public int purgeBefore(Instant cutoff) throws SQLException {
        return Sql.once(database, connection -> Sql.update(connection,
                "DELETE FROM tdmRateEvent WHERE happenedAt < ?", cutoff.toEpochMilli()));
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
