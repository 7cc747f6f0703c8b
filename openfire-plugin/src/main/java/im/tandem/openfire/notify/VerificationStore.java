package im.tandem.openfire.notify;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import im.tandem.openfire.storage.ConnectionSource;
import im.tandem.openfire.storage.Sql;

/** Codes waiting to be entered, one per user and channel, in tdmNotifyCode. */
public final class VerificationStore {
    /**
     * Codes requested in parallel for one user and channel (several sessions of one account) race to insert
     * the one row; the loser, seeing a conflict (or on MySQL a deadlock), replaces the winner's row on its next
     * try. Each try settles at least one of them.
     */
    static final int PUT_TRIES = 5;

    private final ConnectionSource database;

    public VerificationStore(ConnectionSource database) {
        this.database = database;
    }

    /** Replaces any earlier code for the same user and channel: only the newest one counts. */
    public void put(PendingCode code, Instant now) throws SQLException {
        Sql.inTransactionRetrying(database, PUT_TRIES, connection -> {
            Sql.update(connection, "DELETE FROM tdmNotifyCode WHERE username = ? AND channel = ?", code.username(),
                    code.channel().id());
            return Sql.update(connection, "INSERT INTO tdmNotifyCode (username, channel, destination, codeHash,"
                    + " attemptsLeft, expiresAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)", code.username(),
                    code.channel().id(), code.destination(), code.codeHash(), code.attemptsLeft(),
                    code.expiresAt().toEpochMilli(), now.toEpochMilli());
        });
    }

    public Optional<PendingCode> find(String username, DeliveryChannel channel) throws SQLException {
        return Sql.once(database, connection -> Sql.query(connection, "SELECT destination, codeHash, attemptsLeft,"
                + " expiresAt FROM tdmNotifyCode WHERE username = ? AND channel = ?",
                row -> new PendingCode(username, channel, row.getString(1), row.getString(2), row.getInt(3),
                        Instant.ofEpochMilli(row.getLong(4))), username, channel.id())).stream().findFirst();
    }

    /**
     * Uses up one attempt before the code is compared, so that guesses sent in parallel cannot get more
     * tries than allowed. False when none was left.
     */
    public boolean useAttempt(String username, DeliveryChannel channel) throws SQLException {
        return Sql.once(database, connection -> Sql.update(connection, "UPDATE tdmNotifyCode"
                + " SET attemptsLeft = attemptsLeft - 1 WHERE username = ? AND channel = ? AND attemptsLeft > 0",
                username, channel.id())) == 1;
    }

    public void delete(String username, DeliveryChannel channel) throws SQLException {
        Sql.once(database, connection -> Sql.update(connection,
                "DELETE FROM tdmNotifyCode WHERE username = ? AND channel = ?", username, channel.id()));
    }

    public void deleteAll(String username) throws SQLException {
        Sql.once(database, connection -> Sql.update(connection, "DELETE FROM tdmNotifyCode WHERE username = ?",
                username));
    }
}
