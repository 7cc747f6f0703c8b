package im.tandem.openfire.commands;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.dom4j.Element;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.InvalidValueException;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.QuietHours;
import im.tandem.openfire.notify.UserDefaults;

/**
 * The settings form: written with the current values, read back with each field checked. A field the
 * client left out keeps its value, so a client may send only what it changes.
 */
final class SettingsForm {
    static final String CHANNELS = "channels";
    static final String HOLD_OFF = "holdoff";
    static final String DIGEST = "digest";
    static final String QUIET_START = "quiet_start";
    static final String QUIET_END = "quiet_end";
    static final String TIME_ZONE = "timezone";
    /** The field kept its first name when faxes joined SMS under the same rule: clients already send it. */
    static final String PAID_FROM_NON_CONTACTS = "sms_non_contacts";
    static final String AWAY = "away";
    /** A day: "away" longer than that is offline in all but name, which the offline relay already covers. */
    static final Duration MAX_AWAY = Duration.ofDays(1);

    private SettingsForm() {
    }

    static void write(Element command, String title, NotifySettings current, UserDefaults bounds) {
        Element form = Forms.form(command, "form", title,
                "Choose how messages that arrive while you are offline also reach you. A channel needs a verified"
                        + " address (the address command). Leave both quiet-hour fields empty for none.");
        Forms.list(form, CHANNELS, "list-multi", "Deliver by",
                current.channels().stream().map(DeliveryChannel::id).toList(),
                List.of(option(current, DeliveryChannel.EMAIL, "Email"), option(current, DeliveryChannel.SMS, "SMS"),
                        option(current, DeliveryChannel.FAX, "Fax")));
        Forms.text(form, HOLD_OFF, "Wait this many seconds first (" + bounds.minHoldOff().toSeconds() + " to "
                + bounds.maxHoldOff().toSeconds() + ")", Long.toString(current.holdOff().toSeconds()));
        Forms.flag(form, DIGEST, "Send messages that arrive meanwhile together, as one digest", current.digest());
        Forms.text(form, QUIET_START, "Quiet hours start (HH:MM)",
                current.quietHours().map(quiet -> QuietHours.format(quiet.start())).orElse(""));
        Forms.text(form, QUIET_END, "Quiet hours end (HH:MM)",
                current.quietHours().map(quiet -> QuietHours.format(quiet.end())).orElse(""));
        Forms.text(form, TIME_ZONE, "Your time zone (such as Europe/Berlin)", current.zone().getId());
        Forms.flag(form, PAID_FROM_NON_CONTACTS, "Also send SMS and faxes for messages from people not in my contacts",
                current.paidFromNonContacts());
        Forms.text(form, AWAY, "Also when all my devices have been away this many seconds (0: only when offline; at"
                + " most " + MAX_AWAY.toSeconds() + ")", Long.toString(current.whenAway().map(Duration::toSeconds)
                        .orElse(0L)));
    }

    /** The new settings; problems are collected in the input, and the result is meaningless if there are any. */
    static NotifySettings read(FormInput input, NotifySettings current, UserDefaults bounds) {
        return current.withChoices(channels(input, current), holdOff(input, current, bounds),
                input.flag(DIGEST, current.digest()), quietHours(input, current), zone(input, current),
                input.flag(PAID_FROM_NON_CONTACTS, current.paidFromNonContacts()), whenAway(input, current));
    }

    private static String[] option(NotifySettings current, DeliveryChannel channel, String label) {
        Optional<String> address = current.address(channel);
        return new String[] {channel.id(), label + address.map(value -> " (" + value + ")").orElse(" (not verified)")};
    }

    private static Set<DeliveryChannel> channels(FormInput input, NotifySettings current) {
        if (!input.has(CHANNELS)) {
            return current.channels();
        }
        Set<DeliveryChannel> chosen = EnumSet.noneOf(DeliveryChannel.class);
        for (String id : input.all(CHANNELS)) {
            Optional<DeliveryChannel> channel = DeliveryChannel.byId(id);
            if (channel.isEmpty()) {
                input.problem(CHANNELS, "'" + id + "' is not a channel; choose email, sms or fax");
            } else if (current.address(channel.get()).isEmpty()) {
                input.problem(CHANNELS, channel.get().id() + " has no verified address yet; set one with the"
                        + " address command first");
            } else {
                chosen.add(channel.get());
            }
        }
        return chosen;
    }

    private static Duration holdOff(FormInput input, NotifySettings current, UserDefaults bounds) {
        String typed = input.text(HOLD_OFF);
        if (typed.isEmpty()) {
            return current.holdOff();
        }
        long min = bounds.minHoldOff().toSeconds();
        long max = bounds.maxHoldOff().toSeconds();
        try {
            long seconds = Long.parseLong(typed);
            if (seconds >= min && seconds <= max) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        input.problem(HOLD_OFF, "must be a whole number of seconds from " + min + " to " + max + ", got '" + typed + "'");
        return current.holdOff();
    }

    private static Optional<Duration> whenAway(FormInput input, NotifySettings current) {
        String typed = input.text(AWAY);
        if (typed.isEmpty()) {
            return current.whenAway();
        }
        try {
            long seconds = Long.parseLong(typed);
            if (seconds == 0) {
                return Optional.empty();
            }
            if (seconds > 0 && seconds <= MAX_AWAY.toSeconds()) {
                return Optional.of(Duration.ofSeconds(seconds));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        input.problem(AWAY, "must be 0 (off) or a whole number of seconds from 1 to " + MAX_AWAY.toSeconds()
                + ", got '" + typed + "'");
        return current.whenAway();
    }

    private static Optional<QuietHours> quietHours(FormInput input, NotifySettings current) {
        if (!input.has(QUIET_START) && !input.has(QUIET_END)) {
            return current.quietHours();
        }
        String start = input.text(QUIET_START);
        String end = input.text(QUIET_END);
        if (start.isEmpty() && end.isEmpty()) {
            return Optional.empty();
        }
        if (start.isEmpty() || end.isEmpty()) {
            input.problem(start.isEmpty() ? QUIET_START : QUIET_END, "give both quiet-hour times, or leave both empty");
            return current.quietHours();
        }
        Optional<LocalTime> from = time(input, QUIET_START, start);
        Optional<LocalTime> to = time(input, QUIET_END, end);
        if (from.isEmpty() || to.isEmpty()) {
            return current.quietHours();
        }
        if (from.get().equals(to.get())) {
            input.problem(QUIET_END, "must differ from " + QUIET_START + " (" + start + ")");
            return current.quietHours();
        }
        return Optional.of(new QuietHours(from.get(), to.get()));
    }

    private static Optional<LocalTime> time(FormInput input, String var, String typed) {
        try {
            return Optional.of(QuietHours.parseTime(typed));
        } catch (InvalidValueException e) {
            input.problem(var, e.getMessage());
            return Optional.empty();
        }
    }

    private static ZoneId zone(FormInput input, NotifySettings current) {
        String typed = input.text(TIME_ZONE);
        if (typed.isEmpty()) {
            return current.zone();
        }
        try {
            return ZoneId.of(typed);
        } catch (DateTimeException e) {
            input.problem(TIME_ZONE, "'" + typed + "' is not a time zone; use a name such as Europe/Berlin or UTC");
            return current.zone();
        }
    }
}
