package im.tandem.openfire.delivery;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.storage.ConnectionSource;
import im.tandem.openfire.storage.Sql;

/**
 * The durable delivery queue (tdmDelivery, tdmDeliveryItem). Every change of state is one conditional
 * UPDATE that says which state it expects, so two servers sharing the database never both win: a claim
 * succeeds only for a due row or one whose lease has run out, and only the claim's own token can finish it.
 * No SELECT ... FOR UPDATE, whose behaviour differs between HSQLDB, PostgreSQL and MySQL.
 */
public final class DeliveryStore {
    /** Opening a digest races at most with the other servers of a cluster; three tries settle it. */
    public static final int OPEN_TRIES = 3;

    private static final String COLUMNS = "id, username, channel, kind, state, destination, subject, body, itemCount,"
            + " dueAt, attempts, lastError, createdAt";
    private static final String DUE = "(state IN ('holding', 'retry') AND dueAt <= ?)"
            + " OR (state = 'sending' AND leaseUntil < ?)";
    private static final String INSERT = "INSERT INTO tdmDelivery (id, username, channel, kind, state, openKey,"
            + " destination, subject, body, itemCount, dueAt, attempts, createdAt)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)";
    private static final String INSERT_ITEM = "INSERT INTO tdmDeliveryItem (deliveryId, seq, sender, excerpt, sentAt)"
            + " VALUES (?, ?, ?, ?, ?)";

    private final ConnectionSource database;

    public DeliveryStore(ConnectionSource database) {
        this.database = database;
    }

    /**
     * Puts a message into the user's digest for the channel: the open one when batching and one is still
     * holding, else a new one due at {@code dueAt}. Keeps every message. Returns the digest's id.
     */
    public String addToDigest(String username, DeliveryChannel channel, DigestItem item, Instant dueAt, boolean batch,
            Instant now) throws SQLException {
        return Sql.inTransactionRetryingConflicts(database, OPEN_TRIES,
                connection -> addToDigest(connection, username, channel, item, dueAt, batch, Integer.MAX_VALUE, now));
    }

    /** Queues a one-time code, due at once. Returns its id. */
    public String enqueueCode(String username, DeliveryChannel channel, String destination, String subject, String body,
            Instant now) throws SQLException {
        String id = newId();
        Sql.once(database, connection -> Sql.update(connection, INSERT, id, username, channel.id(),
                DeliveryKind.CODE.id(), DeliveryState.HOLDING.id(), null, destination, subject, body, 0,
                now.toEpochMilli(), now.toEpochMilli()));
        return id;
    }

    /** Ids of deliveries that are due or whose lease ran out, earliest first. */
    public List<String> dueIds(Instant now, int max) throws SQLException {
        long millis = now.toEpochMilli();
        return Sql.once(database, connection -> Sql.query(connection,
                "SELECT id FROM tdmDelivery WHERE " + DUE + " ORDER BY dueAt", max, row -> row.getString(1),
                millis, millis));
    }

    /**
     * Takes the delivery for {@code lease} if it is still due or its lease has run out (compare-and-set);
     * empty when another worker was faster. Counts an attempt and closes a digest to new messages.
     */
    public Optional<Claim> claim(String id, String token, Instant now, Duration lease) throws SQLException {
        long millis = now.toEpochMilli();
        return Sql.once(database, connection -> {
            int won = Sql.update(connection, "UPDATE tdmDelivery SET state = 'sending', openKey = NULL, leaseToken = ?,"
                    + " leaseUntil = ?, attempts = attempts + 1 WHERE id = ? AND (" + DUE + ")",
                    token, now.plus(lease).toEpochMilli(), id, millis, millis);
            if (won == 0) {
                return Optional.empty();
            }
            return Sql.query(connection, "SELECT " + COLUMNS + " FROM tdmDelivery WHERE id = ? AND leaseToken = ?",
                    DeliveryStore::map, id, token).stream().findFirst().map(delivery -> new Claim(delivery, token));
        });
    }

    /** The first {@code max} messages of a digest, in arrival order. */
    public List<DigestItem> items(String deliveryId, int max) throws SQLException {
        return Sql.once(database, connection -> Sql.query(connection,
                "SELECT sender, excerpt, sentAt FROM tdmDeliveryItem WHERE deliveryId = ? ORDER BY seq", max,
                row -> new DigestItem(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3))),
                deliveryId));
    }

    /**
     * False when the lease was lost meanwhile (another worker owns the delivery now). The text goes with the
     * send: a code's message holds the code, which must not outlive its use in the queue's history (the
     * code table keeps only a hash); digests keep their text in their items, not here.
     */
    public boolean markSent(Claim claim, String destination, Instant now) throws SQLException {
        return finishWithoutText(claim, "state = 'sent', destination = ?, lastError = NULL, finishedAt = ?",
                destination, now.toEpochMilli());
    }

    /**
     * A failed delivery keeps no text either, for the same reason as {@link #markSent}: its record stays for the
     * retention period, far longer than a code is valid. So an admin's retry leaves failed codes out (see
     * {@link #retryFailed}); the user asks for a new code.
     */
    public boolean markFailed(Claim claim, String reason, Instant now) throws SQLException {
        return endWithReason(claim, DeliveryState.FAILED, reason, now);
    }

    /** A cancelled delivery is never sent, so it keeps no text (see {@link #markSent}). */
    public boolean markCancelled(Claim claim, String reason, Instant now) throws SQLException {
        return endWithReason(claim, DeliveryState.CANCELLED, reason, now);
    }

    /**
     * Hands the delivery back to be tried at {@code dueAt}. A deferral (quiet hours, the global cap) does not
     * use up an attempt; a failure does.
     */
    public boolean retryAt(Claim claim, Instant dueAt, String reason, boolean countsAsAttempt) throws SQLException {
        return finish(claim, "state = 'retry', dueAt = ?, lastError = ?, attempts = attempts - ?",
                dueAt.toEpochMilli(), clip(reason), countsAsAttempt ? 0 : 1);
    }

    /** Cancels the user's digests that have not gone out; codes stay, the user asked for them. */
    public int cancelWaitingDigests(String username, String reason, Instant now) throws SQLException {
        return Sql.once(database, connection -> Sql.update(connection, "UPDATE tdmDelivery SET state = 'cancelled',"
                + " openKey = NULL, lastError = ?, finishedAt = ? WHERE username = ? AND kind = 'digest'"
                + " AND state IN ('holding', 'retry')", clip(reason), now.toEpochMilli(), username));
    }

    /** The user's deliveries that have not finished yet, earliest due first. */
    public List<Delivery> unfinished(String username) throws SQLException {
        return Sql.once(database, connection -> Sql.query(connection, "SELECT " + COLUMNS + " FROM tdmDelivery"
                + " WHERE username = ? AND state IN ('holding', 'retry', 'sending') ORDER BY dueAt",
                DeliveryStore::map, username));
    }

    /** Moves a digest that is still holding to a new due time (the user changed hold-off or quiet hours). */
    public boolean rescheduleHolding(String id, Instant dueAt) throws SQLException {
        return Sql.once(database, connection -> Sql.update(connection,
                "UPDATE tdmDelivery SET dueAt = ? WHERE id = ? AND state = 'holding'", dueAt.toEpochMilli(), id)) == 1;
    }

    /** Digests of this user and channel sent since the given moment: the daily cap's count. */
    public long sentDigestsSince(String username, DeliveryChannel channel, Instant since) throws SQLException {
        return Sql.once(database, connection -> Sql.count(connection, "SELECT COUNT(*) FROM tdmDelivery"
                + " WHERE username = ? AND channel = ? AND kind = 'digest' AND state = 'sent' AND finishedAt >= ?",
                username, channel.id(), since.toEpochMilli()));
    }

    /** Everything sent since the given moment or being sent now, on every server: the global cap's count. */
    public long sentOrSendingSince(Instant since) throws SQLException {
        return Sql.once(database, connection -> Sql.count(connection, "SELECT COUNT(*) FROM tdmDelivery"
                + " WHERE (state = 'sent' AND finishedAt >= ?) OR state = 'sending'", since.toEpochMilli()));
    }

    /** Number of deliveries per channel and state. */
    public Map<DeliveryChannel, Map<DeliveryState, Long>> counts() throws SQLException {
        Map<DeliveryChannel, Map<DeliveryState, Long>> counts = new EnumMap<>(DeliveryChannel.class);
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            Map<DeliveryState, Long> perState = new EnumMap<>(DeliveryState.class);
            for (DeliveryState state : DeliveryState.values()) {
                perState.put(state, 0L);
            }
            counts.put(channel, perState);
        }
        List<StateCount> rows = Sql.once(database, connection -> Sql.query(connection,
                "SELECT channel, state, COUNT(*) FROM tdmDelivery GROUP BY channel, state",
                row -> new StateCount(row.getString(1), row.getString(2), row.getLong(3))));
        for (StateCount row : rows) {
            DeliveryChannel.byId(row.channel()).ifPresent(channel -> counts.get(channel)
                    .put(DeliveryState.byId(row.state()), row.count()));
        }
        return counts;
    }

    /** When the longest-waiting delivery was due, if any is waiting. */
    public Optional<Instant> oldestWaitingDue() throws SQLException {
        return Sql.once(database, connection -> Sql.query(connection,
                "SELECT MIN(dueAt) FROM tdmDelivery WHERE state IN ('holding', 'retry')", row -> {
                    long due = row.getLong(1);
                    return row.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(due));
                })).get(0);
    }

    /** The most recently failed deliveries, newest first, with the reason each gave up. */
    public List<Delivery> recentFailures(int max) throws SQLException {
        return Sql.once(database, connection -> Sql.query(connection, "SELECT " + COLUMNS + " FROM tdmDelivery"
                + " WHERE state = 'failed' ORDER BY finishedAt DESC", max, DeliveryStore::map));
    }

    /**
     * Gives failed digests (of one channel, or all) a fresh set of attempts, due now. Failed codes stay failed: their
     * text went when they failed (see {@link #markFailed}), so there is nothing to send again.
     */
    public int retryFailed(Optional<DeliveryChannel> channel, Instant now) throws SQLException {
        return Sql.once(database, connection -> Sql.update(connection, "UPDATE tdmDelivery SET state = 'retry',"
                + " dueAt = ?, attempts = 0, finishedAt = NULL WHERE state = 'failed' AND kind = 'digest'"
                + channelFilter(channel), withChannel(channel, now.toEpochMilli())));
    }

    /** Deletes failed deliveries (of one channel, or all) with their messages. */
    public int purgeFailed(Optional<DeliveryChannel> channel) throws SQLException {
        return Sql.inTransaction(database, connection -> {
            Sql.update(connection, "DELETE FROM tdmDeliveryItem WHERE deliveryId IN (SELECT id FROM tdmDelivery"
                    + " WHERE state = 'failed'" + channelFilter(channel) + ")", withChannel(channel));
            return Sql.update(connection, "DELETE FROM tdmDelivery WHERE state = 'failed'" + channelFilter(channel),
                    withChannel(channel));
        });
    }

    /** Deletes finished deliveries older than the cutoff: the queue keeps history only for so long. */
    public int purgeFinishedBefore(Instant cutoff) throws SQLException {
        long millis = cutoff.toEpochMilli();
        String finished = "state IN ('sent', 'failed', 'cancelled') AND finishedAt < ?";
        return Sql.inTransaction(database, connection -> {
            Sql.update(connection, "DELETE FROM tdmDeliveryItem WHERE deliveryId IN (SELECT id FROM tdmDelivery WHERE "
                    + finished + ")", millis);
            return Sql.update(connection, "DELETE FROM tdmDelivery WHERE " + finished, millis);
        });
    }

    private record StateCount(String channel, String state, long count) {
    }

    /**
     * Messages taken into the user's digests for the channel since the given moment, except digests cancelled
     * because the user came online: the daily message cap's count.
     */
    public static long messagesTakenSince(Connection connection, String username, DeliveryChannel channel,
            Instant since) throws SQLException {
        return Sql.count(connection, "SELECT COALESCE(SUM(itemCount), 0) FROM tdmDelivery WHERE username = ?"
                + " AND channel = ? AND kind = 'digest' AND state <> 'cancelled' AND createdAt >= ?", username,
                channel.id(), since.toEpochMilli());
    }

    /**
     * As {@link #addToDigest(String, DeliveryChannel, DigestItem, Instant, boolean, Instant)}, inside the caller's
     * transaction, which must be retried on a unique-key conflict (another server opened the digest first). A
     * digest keeps the first {@code keptItems} messages, the ones it can show, and only counts the rest.
     */
    public static String addToDigest(Connection connection, String username, DeliveryChannel channel, DigestItem item,
            Instant dueAt, boolean batch, int keptItems, Instant now) throws SQLException {
        String openKey = username + "|" + channel.id();
        if (batch) {
            for (String open : Sql.query(connection, "SELECT id FROM tdmDelivery WHERE openKey = ?",
                    row -> row.getString(1), openKey)) {
                // Taking the row lock here orders this append before any claim: a claim that comes later
                // sees the message, and one that came first has closed the digest, so the update matches nothing.
                if (Sql.update(connection, "UPDATE tdmDelivery SET itemCount = itemCount + 1"
                        + " WHERE id = ? AND state = 'holding'", open) == 1) {
                    long seq = Sql.count(connection, "SELECT itemCount FROM tdmDelivery WHERE id = ?", open);
                    if (seq <= keptItems) {
                        insertItem(connection, open, (int) seq, item);
                    }
                    return open;
                }
            }
        }
        String id = newId();
        Sql.update(connection, INSERT, id, username, channel.id(), DeliveryKind.DIGEST.id(),
                DeliveryState.HOLDING.id(), batch ? openKey : null, null, null, null, 1, dueAt.toEpochMilli(),
                now.toEpochMilli());
        insertItem(connection, id, 1, item);
        return id;
    }

    private static void insertItem(Connection connection, String deliveryId, int seq, DigestItem item)
            throws SQLException {
        Sql.update(connection, INSERT_ITEM, deliveryId, seq, item.sender(), item.excerpt(),
                item.sentAt().toEpochMilli());
    }

    private boolean endWithReason(Claim claim, DeliveryState state, String reason, Instant now) throws SQLException {
        return finishWithoutText(claim, "state = ?, lastError = ?, finishedAt = ?", state.id(), clip(reason),
                now.toEpochMilli());
    }

    /** Ends the claim for good: the text goes with it (see {@link #markSent}). */
    private boolean finishWithoutText(Claim claim, String assignments, Object... values) throws SQLException {
        return finish(claim, assignments + ", subject = NULL, body = NULL", values);
    }

    private boolean finish(Claim claim, String assignments, Object... values) throws SQLException {
        Object[] parameters = Arrays.copyOf(values, values.length + 2);
        parameters[values.length] = claim.delivery().id();
        parameters[values.length + 1] = claim.token();
        return Sql.once(database, connection -> Sql.update(connection, "UPDATE tdmDelivery SET " + assignments
                + ", leaseToken = NULL, leaseUntil = NULL WHERE id = ? AND leaseToken = ? AND state = 'sending'",
                parameters)) == 1;
    }

    private static String channelFilter(Optional<DeliveryChannel> channel) {
        return channel.isPresent() ? " AND channel = ?" : "";
    }

    private static Object[] withChannel(Optional<DeliveryChannel> channel, Object... leading) {
        if (channel.isEmpty()) {
            return leading;
        }
        Object[] parameters = Arrays.copyOf(leading, leading.length + 1);
        parameters[leading.length] = channel.get().id();
        return parameters;
    }

    /** lastError holds 1000 characters. */
    private static String clip(String reason) {
        return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Delivery map(ResultSet row) throws SQLException {
        String channel = row.getString("channel");
        return new Delivery(row.getString("id"), row.getString("username"),
                DeliveryChannel.byId(channel)
                        .orElseThrow(() -> new SQLException("unknown channel in tdmDelivery: " + channel)),
                DeliveryKind.byId(row.getString("kind")), DeliveryState.byId(row.getString("state")),
                Optional.ofNullable(row.getString("destination")), Optional.ofNullable(row.getString("subject")),
                Optional.ofNullable(row.getString("body")), row.getInt("itemCount"),
                Instant.ofEpochMilli(row.getLong("dueAt")), row.getInt("attempts"),
                Optional.ofNullable(row.getString("lastError")), Instant.ofEpochMilli(row.getLong("createdAt")));
    }
}
