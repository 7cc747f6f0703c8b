package im.tandem.openfire.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The other web sites that may embed the chat, as the admin lists them in {@value #PROPERTY}: origins such as
 * {@code https://www.example.org}, separated by spaces or commas. They may frame the page and read its files from
 * script; a site not listed gets neither (the script tag itself needs no permission, as for any script).
 */
record AllowedOrigins(List<String> origins) {
    static final String PROPERTY = "tandem.web.allowedOrigins";
    /** Nobody but the chat's own origin, until the admin names a site. */
    static final String DEFAULT = "";
    /** scheme://host[:port], nothing more: a path or a wildcard would be a mistake worth refusing. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

    AllowedOrigins {
        origins = List.copyOf(origins);
    }

    /** Parses the setting; an entry that is not an origin is left out and named in {@code rejected}. */
    static AllowedOrigins parse(String setting, List<String> rejected) {
        List<String> entries = Arrays.stream(setting.split("[\\s,]+")).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
        entries.stream().filter(entry -> !ORIGIN.matcher(entry).matches()).forEach(rejected::add);
        return new AllowedOrigins(entries.stream().filter(entry -> ORIGIN.matcher(entry).matches()).toList());
    }

    boolean allows(String origin) {
        return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** The CSP {@code frame-ancestors} value: the chat's own origin and the listed ones. */
    String frameAncestors() {
        return origins.isEmpty() ? "'self'" : "'self' " + String.join(" ", origins);
    }
}
