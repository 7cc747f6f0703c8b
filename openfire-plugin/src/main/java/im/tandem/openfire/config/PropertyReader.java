package im.tandem.openfire.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed, validated reads of settings. A value that does not parse or is out of range is reported once in
 * the log, naming the property and what it accepts, and the documented default is used instead: a typo in
 * the admin console must not stop deliveries.
 */
public final class PropertyReader {
    private static final Logger LOG = LoggerFactory.getLogger(PropertyReader.class);

    private final PropertySource source;
    /** Each bad name=value pair is logged once, not on every read. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public PropertyReader(PropertySource source) {
        this.source = source;
    }

    /** The trimmed value, or the default when unset or blank. */
    public String string(String name, String fallback) {
        String value = source.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public long number(String name, long fallback, long min, long max) {
        String value = source.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        report(name, value, "a whole number from " + min + " to " + max, Long.toString(fallback));
        return fallback;
    }

    public int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }

    public Duration seconds(String name, Duration fallback, Duration min, Duration max) {
        return Duration.ofSeconds(number(name, fallback.toSeconds(), min.toSeconds(), max.toSeconds()));
    }

    public Duration millis(String name, Duration fallback, Duration min, Duration max) {
        return Duration.ofMillis(number(name, fallback.toMillis(), min.toMillis(), max.toMillis()));
    }

    public boolean bool(String name, boolean fallback) {
        String value = source.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                report(name, value, "true or false", Boolean.toString(fallback));
                return fallback;
        }
    }

    public ZoneId zone(String name, ZoneId fallback) {
        String value = source.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            report(name, value, "a time zone such as Europe/Berlin or UTC", fallback.getId());
            return fallback;
        }
    }

    /**
     * For values that parse in a feature's own way: logs the problem once and returns nothing. The value is logged
     * as the admin page shows it: a bad gateway URL or template may still hold a key, and logs travel further.
     */
    public void report(String name, String value, String expected, String fallback) {
        if (reported.add(name + "=" + value)) {
            LOG.warn("Openfire property {} is '{}', but it must be {}; using {}", name,
                    MaskedSettings.shown(name, value), expected, fallback);
        }
    }
}
