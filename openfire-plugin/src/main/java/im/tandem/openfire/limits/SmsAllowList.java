package im.tandem.openfire.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import im.tandem.openfire.config.PropertyReader;

/**
 * The country prefixes an admin allows SMS to, such as "+49, +43, +41". Empty allows none: SMS costs
 * money per message, and premium-rate destinations are how SMS pumping makes it, so every destination is
 * the admin's explicit choice.
 */
public final class SmsAllowList {
    public static final String PROPERTY = "tandem.notify.sms.allowedPrefixes";
    private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,5}");

    private final List<String> prefixes;

    private SmsAllowList(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** Reads the property; entries that are not a + and digits are reported and left out. */
    public static SmsAllowList load(PropertyReader properties) {
        List<String> prefixes = new ArrayList<>();
        for (String entry : properties.string(PROPERTY, "").split(",")) {
            String prefix = entry.trim();
            if (prefix.isEmpty()) {
                continue;
            }
            if (PREFIX.matcher(prefix).matches()) {
                prefixes.add(prefix);
            } else {
                properties.report(PROPERTY, prefix, "a list of country prefixes such as +49, +43", "no entry for it");
            }
        }
        return new SmsAllowList(prefixes);
    }

    public static SmsAllowList of(String... prefixes) {
        return new SmsAllowList(List.of(prefixes));
    }

    /** Whether an E.164 number starts with one of the prefixes. */
    public boolean allows(String e164) {
        return prefixes.stream().anyMatch(e164::startsWith);
    }

    /** For messages to users: the allowed prefixes, or that there are none. */
    public String describe() {
        return prefixes.isEmpty() ? "none (the admin has not allowed any country)" : String.join(", ", prefixes);
    }
}
