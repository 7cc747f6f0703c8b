package im.tandem.client.jingle.element;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Reads the IP addresses in candidates. Only literal IPv4 and IPv6 addresses are accepted: a host name from a
 * peer would make {@link InetAddress#getByName} query DNS, leaking that we are negotiating and letting the peer
 * point our connectivity checks wherever its name resolves.
 */
final class IpLiterals {
    /** Four decimal octets 0-255 without leading zeros, so that "010.1.1.1" is not silently read as octal or ten. */
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    /**
     * Hex groups, colons and an optional embedded dotted quad; no zone index, no brackets. The first character
     * must be a hex digit or a colon, the only starts for which the JDK treats the text as a literal.
     */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /**
     * @param what names the value in the error, e.g. "candidate attribute 'ip'"
     * @throws IllegalArgumentException when the text is not an IP literal
     */
    static InetAddress parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        boolean ipv4 = IPV4.matcher(text).matches();
        boolean ipv6 = text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches();
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException(what + " must be a literal IPv4 or IPv6 address, got '" + text + "'");
        }
        try {
            // Safe from DNS: the JDK parses a dotted quad or any text with a colon as a literal, never as a name.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + " is not a valid IP address: '" + text + "'", e);
        }
    }
}
