package im.tandem.client.jingle.element;

/**
 * The ICE grammar's token alphabet, {@code ice-char = ALPHA / DIGIT / "+" / "/"} (RFC 8839 §5.1), which user
 * fragments, passwords and foundations are made of. Checking it keeps a peer from smuggling separators such as
 * ':' (the STUN USERNAME delimiter) or spaces into values the ICE agent later splices together.
 */
final class IceChars {
    private IceChars() {
    }

    /**
     * Returns {@code value} when it is {@code min} to {@code max} ice-chars long.
     *
     * @param what names the value in the error, e.g. "transport attribute 'ufrag'"
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    static String require(String value, String what, int min, int max) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max + " characters long, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isIceChar(value.charAt(i))) {
                throw new IllegalArgumentException(what + " may only contain letters, digits, '+' and '/', got '"
                        + value + "'");
            }
        }
        return value;
    }

    private static boolean isIceChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
