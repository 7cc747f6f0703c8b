package im.tandem.openfire.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.jivesoftware.util.JiveGlobals;

/** The plugin's system properties as admins see them (page and commands): only Tandem's, secrets masked. */
public final class MaskedSettings {
    public static final String PREFIX = "tandem.";
    public static final String MASK = "********";

    private MaskedSettings() {
    }

    /** Tandem's properties as set on this server now. */
    public static Map<String, String> current() {
        return of(JiveGlobals.getPropertyNames(), JiveGlobals::getProperty);
    }

    public static Map<String, String> of(Collection<String> names, UnaryOperator<String> value) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : names) {
            if (name.startsWith(PREFIX)) {
                settings.put(name, isSecret(name) ? MASK : withoutQuery(name, value.apply(name)));
            }
        }
        return settings;
    }

    /** Shared secrets and passwords never reach a page, however trusted its reader. */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("secret") || lower.contains("password");
    }

    /** Gateway URLs often carry an API key in their query: the page shows only what comes before it. */
    private static String withoutQuery(String name, String value) {
        if (value == null || !name.endsWith(".url") || value.indexOf('?') < 0) {
            return value;
        }
        return value.substring(0, value.indexOf('?')) + "?" + MASK;
    }
}
