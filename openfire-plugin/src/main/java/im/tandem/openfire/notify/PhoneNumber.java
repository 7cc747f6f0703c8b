package im.tandem.openfire.notify;

import java.util.regex.Pattern;

/**
 * Checks a phone number a user typed against E.164: a plus, a country code that does not start with 0, and
 * at most 15 digits in all. Spaces, dots, hyphens and parentheses people type for readability are dropped.
 */
public final class PhoneNumber {
    /** ITU-T E.164: at most 15 digits. */
    public static final int MAX_DIGITS = 15;
    /** The shortest numbers in service (a country code plus a short subscriber number) have 7 digits. */
    public static final int MIN_DIGITS = 7;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{" + (MIN_DIGITS - 1) + "," + (MAX_DIGITS - 1) + "}");
    private static final Pattern READABILITY = Pattern.compile("[\\s.()-]");

    private PhoneNumber() {
    }

    /** The number as +digits, or an exception saying what is wrong with it. */
    public static String parse(String typed) throws InvalidValueException {
        String number = READABILITY.matcher(typed == null ? "" : typed).replaceAll("");
        if (number.isEmpty()) {
            throw new InvalidValueException("a phone number is required, in international form such as +4915112345678");
        }
        if (number.startsWith("00")) {
            throw new InvalidValueException("write '" + typed.trim() + "' with a + instead of the leading 00,"
                    + " as in +" + number.substring(2));
        }
        if (!number.startsWith("+")) {
            throw new InvalidValueException("'" + typed.trim() + "' needs the country code with a +,"
                    + " as in +4915112345678 (E.164)");
        }
        if (!E164.matcher(number).matches()) {
            throw new InvalidValueException("'" + typed.trim() + "' is not an E.164 number: after the + come "
                    + MIN_DIGITS + " to " + MAX_DIGITS + " digits, the first not 0");
        }
        return number;
    }
}
