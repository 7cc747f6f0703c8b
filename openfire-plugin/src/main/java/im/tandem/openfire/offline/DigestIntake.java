package im.tandem.openfire.offline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import im.tandem.openfire.delivery.DeliveryConfig;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.delivery.DigestComposer;
import im.tandem.openfire.delivery.DigestItem;
import im.tandem.openfire.delivery.OnlineCheck;
import im.tandem.openfire.notify.Channel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.SettingsStore;

/**
 * Turns a stored offline message into queued deliveries, one per channel the user has on: into the open
 * digest while batching, else a new one due when the hold-off (and any quiet hours) end. Messages from
 * non-contacts do not go by SMS unless the user allows it. Runs on the intake thread.
 */
public final class DigestIntake {
    private final SettingsStore settings;
    private final DeliveryStore deliveries;
    private final Contacts contacts;
    private final OnlineCheck online;
    private final Supplier<DeliveryConfig> config;
    private final Clock clock;

    public DigestIntake(SettingsStore settings, DeliveryStore deliveries, Contacts contacts, OnlineCheck online,
            Supplier<DeliveryConfig> config, Clock clock) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.online = online;
        this.config = config;
        this.clock = clock;
    }

    public void handle(StoredMessage message) throws SQLException {
        DeliveryConfig current = config.get();
        if (!current.enabled()) {
            return;
        }
        Optional<NotifySettings> found = settings.find(message.username());
        if (found.isEmpty() || online.isOnline(message.username())) {
            return;
        }
        NotifySettings user = found.get();
        DigestItem item = new DigestItem(message.sender(), DigestComposer.excerpt(message.body(),
                current.excerptChars()), message.storedAt());
        Instant now = clock.instant();
        Instant due = user.deliverableFrom(message.storedAt());
        for (Channel channel : Channel.values()) {
            if (!user.active(channel)) {
                continue;
            }
            if (channel == Channel.SMS && !user.smsFromNonContacts()
                    && !contacts.isContact(message.username(), message.sender())) {
                continue;
            }
            deliveries.addToDigest(message.username(), channel, item, due, user.digest(), now);
        }
    }

    /** The user came online: what was waiting for them is no longer needed. */
    public int userOnline(String username) throws SQLException {
        return deliveries.cancelWaitingDigests(username, "the user came online", clock.instant());
    }
}
