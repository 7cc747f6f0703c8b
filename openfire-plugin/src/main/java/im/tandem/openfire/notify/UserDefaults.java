package im.tandem.openfire.notify;

import java.time.Duration;
import java.time.ZoneId;

import im.tandem.openfire.config.PropertyReader;

/**
 * What a user starts with and the bounds on what they may choose, set by the admin.
 *
 * @param holdOff    how long a message waits before it is relayed, so that a user who is back at once gets
 *                   nothing extra
 * @param minHoldOff the shortest hold-off a user may choose
 * @param maxHoldOff the longest hold-off a user may choose
 * @param zone       the time zone quiet hours are read in until the user picks one
 */
public record UserDefaults(Duration holdOff, Duration minHoldOff, Duration maxHoldOff, ZoneId zone) {
    public static final String HOLD_OFF = "tandem.notify.holdoff.default.seconds";
    public static final String MIN_HOLD_OFF = "tandem.notify.holdoff.min.seconds";
    public static final String MAX_HOLD_OFF = "tandem.notify.holdoff.max.seconds";
    public static final String ZONE = "tandem.notify.timezone.default";

    /** A minute: long enough that a dropped connection that comes back does not cost an email or an SMS. */
    public static final Duration DEFAULT_HOLD_OFF = Duration.ofMinutes(1);
    /** Ten seconds: shorter would relay messages a reconnecting client is about to fetch anyway. */
    public static final Duration DEFAULT_MIN_HOLD_OFF = Duration.ofSeconds(10);
    /** A day: a digest later than that is no longer news. */
    public static final Duration DEFAULT_MAX_HOLD_OFF = Duration.ofDays(1);
    /** UTC until the user says otherwise: the server's own zone says nothing about where a user lives. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    public static UserDefaults load(PropertyReader properties) {
        Duration min = properties.seconds(MIN_HOLD_OFF, DEFAULT_MIN_HOLD_OFF, Duration.ZERO, Duration.ofDays(1));
        Duration max = properties.seconds(MAX_HOLD_OFF, DEFAULT_MAX_HOLD_OFF, min, Duration.ofDays(7));
        Duration holdOff = properties.seconds(HOLD_OFF, DEFAULT_HOLD_OFF.compareTo(min) < 0 ? min : DEFAULT_HOLD_OFF,
                min, max);
        return new UserDefaults(holdOff, min, max, properties.zone(ZONE, DEFAULT_ZONE));
    }
}
