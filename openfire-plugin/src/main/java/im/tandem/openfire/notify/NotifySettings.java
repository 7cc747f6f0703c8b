package im.tandem.openfire.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One user's choices for extension delivery. Addresses here are verified ones; a channel is active only
 * when it is chosen and has a verified address.
 *
 * @param channels           the channels the user chose
 * @param holdOff            how long a message waits before it is relayed
 * @param digest             true: messages arriving while one is waiting go out together; false: one each
 * @param quietHours         when nothing is delivered, in the user's time zone
 * @param fax                the verified fax number (E.164), apart from the phone: a fax machine is a landline
 * @param paidFromNonContacts whether messages from people outside the roster may cost an SMS or a fax (the paid
 *                           channels)
 * @param whenAway           also relay what arrives once every device has been away (away, xa, dnd) this
 *                           long; empty: only what arrives while the user is offline
 */
public record NotifySettings(String username, Optional<String> email, Optional<String> phone,
        Optional<String> fax, Set<DeliveryChannel> channels, Duration holdOff, boolean digest,
        Optional<QuietHours> quietHours, ZoneId zone, boolean paidFromNonContacts, Optional<Duration> whenAway) {

    public NotifySettings {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(fax, "fax");
        channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
        Objects.requireNonNull(holdOff, "holdOff");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(whenAway, "whenAway");
    }

    /** A user who has chosen nothing yet: no addresses, no channels, the admin's defaults. */
    public static NotifySettings fresh(String username, UserDefaults defaults) {
        return new NotifySettings(username, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                defaults.holdOff(), true, Optional.empty(), defaults.zone(), false, Optional.empty());
    }

    public Optional<String> address(DeliveryChannel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> phone;
            case FAX -> fax;
        };
    }

    /** When a message that arrived at the given moment may go out: after the hold-off, outside quiet hours. */
    public Instant deliverableFrom(Instant arrival) {
        Instant afterHoldOff = arrival.plus(holdOff);
        return quietHours.map(quiet -> quiet.nextAllowed(afterHoldOff, zone)).orElse(afterHoldOff);
    }

    public boolean active(DeliveryChannel channel) {
        return channels.contains(channel) && address(channel).isPresent();
    }

    /** The verified address for the channel, which is also switched on: verifying is opting in. */
    public NotifySettings withVerifiedAddress(DeliveryChannel channel, String address) {
        EnumSet<DeliveryChannel> chosen =
                channels.isEmpty() ? EnumSet.noneOf(DeliveryChannel.class) : EnumSet.copyOf(channels);
        chosen.add(channel);
        return new NotifySettings(username, channel == DeliveryChannel.EMAIL ? Optional.of(address) : email,
                channel == DeliveryChannel.SMS ? Optional.of(address) : phone,
                channel == DeliveryChannel.FAX ? Optional.of(address) : fax, chosen, holdOff, digest, quietHours,
                zone, paidFromNonContacts, whenAway);
    }

    /** The same addresses with new choices. */
    public NotifySettings withChoices(Set<DeliveryChannel> chosen, Duration newHoldOff, boolean newDigest,
            Optional<QuietHours> newQuietHours, ZoneId newZone, boolean newPaidFromNonContacts,
            Optional<Duration> newWhenAway) {
        return new NotifySettings(username, email, phone, fax, chosen, newHoldOff, newDigest, newQuietHours, newZone,
                newPaidFromNonContacts, newWhenAway);
    }
}
