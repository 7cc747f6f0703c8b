package im.tandem.openfire.notify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an email address a user typed, before any code is sent to it. Deliberately simple (RFC 5321 sizes,
 * one @, a dotted domain of letters, digits and hyphens): the one-time code proves the address works.
 */
public final class EmailAddress {
    /** RFC 5321: a path is at most 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;
    /** RFC 5321: a local part is at most 64 octets. */
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private EmailAddress() {
    }

    /** The address with a lower-case domain, or an exception saying what is wrong with it. */
    public static String parse(String typed) throws InvalidValueException {
        String address = typed == null ? "" : typed.trim();
        if (address.isEmpty()) {
            throw new InvalidValueException("an email address is required, such as alice@example.org");
        }
        if (address.length() > MAX_LENGTH) {
            throw new InvalidValueException("an email address has at most " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.indexOf('@') != at) {
            throw new InvalidValueException("'" + address + "' is not an email address: it needs one @ between"
                    + " a name and a domain, such as alice@example.org");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > MAX_LOCAL_LENGTH || !LOCAL.matcher(local).matches()
                || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidValueException("'" + local + "' is not a valid name before the @ in an email address");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidValueException("'" + domain + "' is not a mail domain: it needs a dot, as in example.org");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidValueException("'" + domain + "' is not a valid mail domain");
            }
        }
        return local + "@" + domain;
    }
}
