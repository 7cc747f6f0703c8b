package im.tandem.openfire.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * A daily period in the user's own time zone during which nothing is delivered, such as 22:00 to 07:00.
 * The start is inside the period, the end is not; a period may run past midnight. Start equal to end is
 * refused, as it is ambiguous between "never" and "always".
 */
public record QuietHours(LocalTime start, LocalTime end) {
    /** Strict, so that 24:00 is refused rather than read as midnight. */
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need different start and end times");
        }
    }

    /** Parses HH:MM, as forms and the database hold it. */
    public static LocalTime parseTime(String typed) throws InvalidValueException {
        try {
            return LocalTime.parse(typed.trim(), HH_MM);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("must be a time of day as HH:MM (00:00 to 23:59), got '" + typed.trim() + "'");
        }
    }

    public static String format(LocalTime time) {
        return time.format(HH_MM);
    }

    public boolean contains(LocalTime time) {
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /** The moment itself when it is outside the quiet hours, else the end of the quiet period it falls in. */
    public Instant nextAllowed(Instant moment, ZoneId zone) {
        ZonedDateTime local = moment.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return moment;
        }
        LocalDate endDay = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        // ZonedDateTime.of moves a time inside a daylight-saving gap forward, never back into the period.
        return ZonedDateTime.of(endDay, end, zone).toInstant();
    }
}
