package im.tandem.openfire.offline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import im.tandem.openfire.delivery.CapNotices;
import im.tandem.openfire.delivery.DeliveryConfig;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.delivery.DigestComposer;
import im.tandem.openfire.delivery.DigestItem;
import im.tandem.openfire.delivery.OnlineCheck;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.storage.ConnectionSource;
import im.tandem.openfire.storage.Sql;

/**
 * Takes a message from Openfire's offline store into the queue, one delivery per channel the user has on:
 * into the open digest while batching, else a new one due when the hold-off (and any quiet hours) end.
 * Messages from non-contacts do not go by SMS or fax unless the user allows it. The message is marked taken in
 * the same transaction that queues it, so it is queued exactly once even across a crash or a cluster.
 * Also takes messages delivered while the user is away, for users who chose that. Runs on the intake thread.
 * Bounded per user and channel: a digest keeps only the messages it shows and counts the rest, and past the
 * daily message cap nothing more is taken that day (the messages stay with Openfire, and the user is told
 * once).
 */
public final class DigestIntake {
    /** tdmDeliveryItem.sender holds 255 characters; a bare JID may have up to 3071. */
    private static final int SENDER_COLUMN = 255;

    private final ConnectionSource database;
    private final SettingsStore settings;
    private final DeliveryStore deliveries;
    private final Contacts contacts;
    private final OnlineCheck online;
    private final Supplier<DeliveryConfig> config;
    private final Supplier<LimitConfig> limits;
    private final CapNotices notices;
    private final Clock clock;

    public DigestIntake(ConnectionSource database, SettingsStore settings, DeliveryStore deliveries,
            Contacts contacts, OnlineCheck online, Supplier<DeliveryConfig> config, Supplier<LimitConfig> limits,
            CapNotices notices, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.online = online;
        this.config = config;
        this.limits = limits;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * Takes stored messages into the queue in one transaction: each is marked taken, and queued if it may be
     * relayed. One commit for a whole batch is what keeps up with a burst on a database that syncs every commit.
     */
    public void takeAll(List<Taken> batch) throws SQLException {
        Map<String, Optional<NotifySettings>> users = new HashMap<>();
        List<List<Queued>> planned = new ArrayList<>();
        for (Taken taken : batch) {
            planned.add(taken.message().isPresent() ? planOffline(taken.message().get(), users) : List.of());
        }
        Instant now = clock.instant();
        Set<Held> overCap = Sql.inTransactionRetryingConflicts(database, DeliveryStore.OPEN_TRIES, connection -> {
            Set<Held> held = new LinkedHashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                OfflineRow row = batch.get(i).row();
                if (OfflineBacklog.markTaken(connection, row, now)) {
                    held.addAll(queue(connection, planned.get(i), now));
                }
            }
            return held;
        });
        tellOverCap(overCap, now);
    }

    private List<Queued> planOffline(StoredMessage message, Map<String, Optional<NotifySettings>> users)
            throws SQLException {
        Optional<NotifySettings> user = users.get(message.username());
        if (user == null) {
            user = settings.find(message.username());
            users.put(message.username(), user);
        }
        return user.isPresent() && !online.isOnline(message.username()) ? plan(message, user.get()) : List.of();
    }

    /**
     * Queues a message delivered to the user's devices while every one of them has been away since
     * {@code awaySince}, if the user chose to be reached after being away that long and still is away.
     */
    public void takeWhileAway(StoredMessage message, Instant awaySince) throws SQLException {
        Optional<NotifySettings> user = settings.find(message.username());
        if (user.isEmpty() || user.get().whenAway().isEmpty()
                || awaySince.plus(user.get().whenAway().get()).isAfter(message.storedAt())
                || online.isPresent(message.username())) {
            return;
        }
        List<Queued> queued = plan(message, user.get());
        if (!queued.isEmpty()) {
            Instant now = clock.instant();
            tellOverCap(Sql.inTransactionRetryingConflicts(database, DeliveryStore.OPEN_TRIES,
                    connection -> queue(connection, queued, now)), now);
        }
    }

    private List<Queued> plan(StoredMessage message, NotifySettings user) {
        DeliveryConfig current = config.get();
        if (!current.enabled()) {
            return List.of();
        }
        DigestItem item = new DigestItem(fitted(message.sender()),
                DigestComposer.excerpt(message.body(), current.excerptChars()), message.storedAt());
        Instant due = user.deliverableFrom(message.storedAt());
        List<Queued> queued = new ArrayList<>();
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            if (!user.active(channel)) {
                continue;
            }
            if (channel.paid() && !user.paidFromNonContacts()
                    && !contacts.isContact(message.username(), message.sender())) {
                continue;
            }
            queued.add(new Queued(message.username(), channel, item, due, user.digest()));
        }
        return queued;
    }

    /** Queues the deliveries within the daily message cap; returns those held back by it. */
    private Set<Held> queue(Connection connection, List<Queued> queued, Instant now) throws SQLException {
        int cap = limits.get().messagesDailyCap();
        int kept = config.get().digestMessages();
        Set<Held> held = new LinkedHashSet<>();
        for (Queued delivery : queued) {
            if (DeliveryStore.messagesTakenSince(connection, delivery.username(), delivery.channel(),
                    now.minus(LimitConfig.DAY)) >= cap) {
                held.add(new Held(delivery.username(), delivery.channel()));
                continue;
            }
            DeliveryStore.addToDigest(connection, delivery.username(), delivery.channel(), delivery.item(),
                    delivery.dueAt(), delivery.batch(), kept, now);
        }
        return held;
    }

    /** Tells each user held back by the daily message cap, at most once a day per channel. */
    private void tellOverCap(Set<Held> held, Instant now) throws SQLException {
        int cap = limits.get().messagesDailyCap();
        for (Held user : held) {
            notices.tell(user.username(), user.channel(), "More than " + cap + " messages for you in 24 hours:"
                    + " further messages are not relayed by " + user.channel().id() + " for now; you find them"
                    + " when you are back.", now);
        }
    }

    /** The sender as the digest column holds it: in full, as nearly always, or cut with a mark. */
    private static String fitted(String sender) {
        return sender.length() <= SENDER_COLUMN ? sender : sender.substring(0, SENDER_COLUMN - 3) + "...";
    }

    /** The user came online: what was waiting for them is no longer needed. */
    public int userOnline(String username) throws SQLException {
        return deliveries.cancelWaitingDigests(username, "the user came online", clock.instant());
    }

    /**
     * A stored message and what of it may be relayed: empty when nothing may (a receipt, a group chat message,
     * a stanza that does not parse), and such a message is only marked taken.
     */
    public record Taken(OfflineRow row, Optional<StoredMessage> message) {
    }

    /** One delivery to queue for the message. */
    private record Queued(String username, DeliveryChannel channel, DigestItem item, Instant dueAt, boolean batch) {
    }

    /** A user and channel the daily message cap held a message back for: one notice covers a batch. */
    private record Held(String username, DeliveryChannel channel) {
    }
}
