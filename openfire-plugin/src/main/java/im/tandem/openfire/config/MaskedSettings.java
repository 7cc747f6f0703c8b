package im.tandem.openfire.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jivesoftware.util.JiveGlobals;

/**
 * The plugin's system properties as admins see them (page, commands and log): only Tandem's, and nothing that may
 * carry a secret. Passwords and secrets are masked whole. URLs keep their scheme, host and port, so an admin can
 * tell which gateway is set, but not their user info (credentials), path, query or fragment (API keys); a value
 * that is not a valid URL is not shown at all. Templates (request bodies, and any value with a placeholder such as the
 * email-to-fax address {number}@gateway, whose local part may hold an account key) often carry a key, so only the
 * placeholders they use are shown.
 */
public final class MaskedSettings {
    public static final String PREFIX = "tandem.";
    public static final String MASK = "********";
    /** Shown for a URL setting whose value is no URL: it may still hold a key, so it is not shown. */
    public static final String INVALID_URL = MASK + " (not a valid URL)";
    /** A template's placeholders, such as {to}: what it does, without what it holds. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z0-9_]+}");

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
                settings.put(name, shown(name, value.apply(name)));
            }
        }
        return settings;
    }

    /** What of a setting's value may be shown or logged. */
    public static String shown(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(name)) {
            return MASK;
        }
        if (isTemplate(name, value)) {
            return template(value);
        }
        if (isUrl(name, value)) {
            return url(value.trim());
        }
        return value;
    }

    /** Shared secrets, passwords, keys and tokens never reach a page, however trusted its reader. */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("secret") || lower.contains("password") || lower.contains("key")
                || lower.contains("token");
    }

    private static boolean isTemplate(String name, String value) {
        return name.toLowerCase(Locale.ROOT).endsWith(".template") || PLACEHOLDER.matcher(value).find();
    }

    /** By name, and by value too: a URL under any name may carry credentials. */
    private static boolean isUrl(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".url") || lower.endsWith(".uri") || value.contains("://");
    }

    private static String template(String value) {
        StringBuilder shown = new StringBuilder(MASK);
        Matcher placeholders = PLACEHOLDER.matcher(value);
        String separator = " (uses ";
        while (placeholders.find()) {
            shown.append(separator).append(placeholders.group());
            separator = ", ";
        }
        return separator.equals(", ") ? shown.append(')').toString() : shown.toString();
    }

    private static String url(String value) {
        URI url;
        try {
            url = new URI(value);
        } catch (URISyntaxException e) {
            return INVALID_URL;
        }
        if (url.getScheme() == null || url.getHost() == null) {
            return INVALID_URL;
        }
        StringBuilder shown = new StringBuilder(url.getScheme()).append("://");
        if (url.getRawUserInfo() != null) {
            shown.append(MASK).append('@');
        }
        shown.append(url.getHost());
        if (url.getPort() >= 0) {
            shown.append(':').append(url.getPort());
        }
        boolean hasPath = url.getRawPath() != null && !url.getRawPath().isEmpty() && !"/".equals(url.getRawPath());
        if (hasPath || url.getRawQuery() != null || url.getRawFragment() != null) {
            shown.append('/').append(MASK);
        }
        return shown.toString();
    }
}
