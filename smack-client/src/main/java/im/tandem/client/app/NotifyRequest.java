package im.tandem.client.app;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import im.tandem.client.notify.NotifyChannel;
import im.tandem.client.notify.SettingsChange;

/**
 * What {@code /notify} asks for: the server's offline delivery by email, SMS and fax, one ad-hoc command each. Only the
 * form of a request is checked here; the server checks the values (addresses, bounds of the hold-off) and says what
 * is wrong.
 *
 * <pre>
 * /notify                          the settings, verified addresses and digests waiting
 * /notify email ADDRESS            send a one-time code to ADDRESS, to verify it
 * /notify sms +NUMBER              send a one-time code by SMS to the number (international form)
 * /notify fax +NUMBER              fax a page with a one-time code to the number (international form)
 * /notify verify [email|sms|fax] CODE  enter the code; the channel defaults to the one last asked for
 * /notify channels email,sms|none  which verified addresses get offline messages
 * /notify holdoff DURATION         wait this long first: 90s, 5m, 1h or a number of minutes
 * /notify digest on|off            messages that arrive meanwhile go out together
 * /notify quiet HH:MM-HH:MM [ZONE] nothing is sent in these hours (in ZONE, such as Europe/Berlin)
 * /notify quiet off                no quiet hours
 * /notify strangers on|off         SMS and faxes also for messages from people who are not contacts
 * /notify away DURATION|off        also relay what arrives once every device has been away this long
 * /notify off                      switch it all off; the server forgets the addresses
 * </pre>
 */
sealed interface NotifyRequest {
    String USAGE = String.join("\n",
            "/notify                          offline delivery by email/SMS/fax: settings and what is waiting",
            "/notify email ADDRESS            send a code to ADDRESS to verify it",
            "/notify sms +NUMBER              send a code by SMS to the number (international form)",
            "/notify fax +NUMBER              fax a page with a code to the number (international form)",
            "/notify verify [email|sms|fax] CODE  enter the code that was sent",
            "/notify channels email,sms|none  which verified addresses get offline messages",
            "/notify holdoff DURATION         wait this long first (90s, 5m, 1h; a bare number is minutes)",
            "/notify digest on|off            send messages that arrive meanwhile together",
            "/notify quiet HH:MM-HH:MM [ZONE] send nothing in these hours; /notify quiet off: none",
            "/notify strangers on|off         SMS and faxes also for messages from non-contacts",
            "/notify away DURATION|off        also when all my devices have been away this long (10m, 1h)",
            "/notify off                      switch it all off; the server forgets the addresses");

    /** Show the settings. */
    record Status() implements NotifyRequest {
    }

    /** Ask the server to send a one-time code to a new address. */
    record RequestCode(NotifyChannel channel, String address) implements NotifyRequest {
    }

    /** Enter a code; without a channel, the one a code was last asked for in this program. */
    record Verify(Optional<NotifyChannel> channel, String code) implements NotifyRequest {
    }

    /** Switch everything off. */
    record SwitchOff() implements NotifyRequest {
    }

    /** A change of settings, sent with the settings command; the rest stays as it is. */
    sealed interface Change extends NotifyRequest {
        SettingsChange change();
    }

    record Channels(Set<NotifyChannel> channels) implements Change {
        public Channels {
            channels = Set.copyOf(channels);
        }

        @Override
        public SettingsChange change() {
            return new SettingsChange().channels(channels);
        }
    }

    record HoldOff(Duration holdOff) implements Change {
        @Override
        public SettingsChange change() {
            return new SettingsChange().holdOff(holdOff);
        }
    }

    record Digest(boolean on) implements Change {
        @Override
        public SettingsChange change() {
            return new SettingsChange().digest(on);
        }
    }

    /** Quiet hours from start to end (none when empty), in the given time zone (unchanged when empty). */
    record Quiet(Optional<LocalTime> start, Optional<LocalTime> end, Optional<ZoneId> zone) implements Change {
        @Override
        public SettingsChange change() {
            SettingsChange change = start.isPresent() && end.isPresent()
                    ? new SettingsChange().quietHours(start.get(), end.get()) : new SettingsChange().noQuietHours();
            zone.ifPresent(change::timeZone);
            return change;
        }
    }

    record Strangers(boolean allowed) implements Change {
        @Override
        public SettingsChange change() {
            return new SettingsChange().paidFromNonContacts(allowed);
        }
    }

    /** Relaying while away after the given time, or (empty) only while offline. */
    record Away(Optional<Duration> after) implements Change {
        @Override
        public SettingsChange change() {
            return after.map(new SettingsChange()::whenAway).orElseGet(new SettingsChange()::notWhenAway);
        }
    }

    /**
     * Parses what follows {@code /notify}.
     *
     * @throws IllegalArgumentException naming what is wrong and the form expected
     */
    static NotifyRequest parse(String arguments) {
        String[] words = arguments.strip().split("\\s+", 2);
        String rest = words.length > 1 ? words[1].strip() : "";
        return switch (words[0].toLowerCase(Locale.ROOT)) {
            case "" -> new Status();
            case "email" -> new RequestCode(NotifyChannel.EMAIL, oneWord(rest, "/notify email ADDRESS"));
            case "sms" -> new RequestCode(NotifyChannel.SMS, required(rest, "/notify sms +NUMBER"));
            case "fax" -> new RequestCode(NotifyChannel.FAX, required(rest, "/notify fax +NUMBER"));
            case "verify" -> verify(rest);
            case "channels" -> new Channels(channels(oneWord(rest, "/notify channels email,sms|none")));
            case "holdoff" -> new HoldOff(Syntax.duration(oneWord(rest, "/notify holdoff DURATION")));
            case "digest" -> new Digest(Syntax.onOff(rest, "/notify digest on|off"));
            case "quiet" -> quiet(rest);
            case "strangers" -> new Strangers(Syntax.onOff(rest, "/notify strangers on|off"));
            case "away" -> away(oneWord(rest, "/notify away DURATION|off"));
            case "off" -> {
                if (!rest.isEmpty()) {
                    throw new IllegalArgumentException("usage: /notify off (it takes nothing after it)");
                }
                yield new SwitchOff();
            }
            default -> throw new IllegalArgumentException("unknown /notify request '" + words[0]
                    + "'; /help lists them");
        };
    }

    private static Away away(String word) {
        return new Away(word.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Syntax.duration(word)));
    }

    private static Verify verify(String rest) {
        String usage = "/notify verify [email|sms|fax] CODE";
        String[] words = required(rest, usage).split("\\s+", 2);
        Optional<NotifyChannel> channel = Syntax.channel(words[0]);
        if (channel.isPresent()) {
            return new Verify(channel, required(words.length > 1 ? words[1] : "", usage));
        }
        return new Verify(Optional.empty(), rest);
    }

    private static Set<NotifyChannel> channels(String list) {
        if (list.equalsIgnoreCase("none")) {
            return Set.of();
        }
        Set<NotifyChannel> chosen = EnumSet.noneOf(NotifyChannel.class);
        for (String id : list.split(",")) {
            chosen.add(Syntax.channel(id).orElseThrow(() -> new IllegalArgumentException("'" + id
                    + "' is not a channel: /notify channels takes email, sms, fax, a list such as email,sms, or none")));
        }
        return chosen;
    }

    private static Quiet quiet(String rest) {
        String usage = "/notify quiet HH:MM-HH:MM [ZONE] or /notify quiet off";
        String[] words = required(rest, usage).split("\\s+");
        if (words.length == 1 && words[0].equalsIgnoreCase("off")) {
            return new Quiet(Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (words.length > 2) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        String[] times = words[0].split("-", -1);
        if (times.length != 2) {
            throw new IllegalArgumentException("'" + words[0] + "' is not a period such as 22:00-07:00; usage: "
                    + usage);
        }
        return new Quiet(Optional.of(Syntax.time(times[0])), Optional.of(Syntax.time(times[1])),
                words.length == 2 ? Optional.of(Syntax.zone(words[1])) : Optional.empty());
    }

    private static String required(String value, String usage) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return value;
    }

    private static String oneWord(String value, String usage) {
        if (required(value, usage).chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return value;
    }

    /** The small value forms /notify takes. */
    final class Syntax {
        private static final Pattern DURATION = Pattern.compile("([0-9]{1,7})([smh]?)");
        /** Strict, so that 24:00 is refused rather than read as midnight. */
        private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
                .withResolverStyle(ResolverStyle.STRICT);

        private Syntax() {
        }

        static Optional<NotifyChannel> channel(String id) {
            for (NotifyChannel channel : NotifyChannel.values()) {
                if (channel.id().equalsIgnoreCase(id.strip())) {
                    return Optional.of(channel);
                }
            }
            return Optional.empty();
        }

        /** 90s, 5m, 1h; a bare number is minutes, as people mostly think of a hold-off. */
        static Duration duration(String typed) {
            Matcher matcher = DURATION.matcher(typed.toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + typed + "' is not a duration such as 90s, 5m, 1h or 5"
                        + " (minutes)");
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            };
        }

        static boolean onOff(String typed, String usage) {
            return switch (typed.toLowerCase(Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("usage: " + usage);
            };
        }

        static LocalTime time(String typed) {
            try {
                return LocalTime.parse(typed, HH_MM);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + typed + "' is not a time of day as HH:MM (00:00 to 23:59)");
            }
        }

        static ZoneId zone(String typed) {
            try {
                return ZoneId.of(typed);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + typed + "' is not a time zone; use a name such as"
                        + " Europe/Berlin or UTC");
            }
        }
    }
}
