package im.tandem.ice.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses {@code HOST}, {@code HOST:PORT}, {@code [IPv6]} and {@code [IPv6]:PORT}, as command-line options and
 * server settings write addresses. Errors name the option or setting they came from.
 */
public final class HostPort {
    private static final int MAX_PORT = 0xFFFF;
    /** One IPv4 octet, 0 to 255: an out-of-range quad must not reach InetAddress, which would look it up in DNS. */
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    /**
     * Dotted-quad IPv4, or anything with a colon made of IPv6 characters (optionally with a zone): InetAddress
     * parses such a string as an IPv6 literal and rejects it without a lookup if it is not one.
     */
    private static final Pattern IP_LITERAL = Pattern.compile(
            OCTET + "(\\." + OCTET + "){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private final String host;
    private final OptionalInt port;

    private HostPort(String host, OptionalInt port) {
        this.host = host;
        this.port = port;
    }

    /** @param option the option or setting name, for error messages */
    public static HostPort parse(String option, String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException(option + ": bad bracketed IPv6 address: " + text);
            }
            host = text.substring(1, close);
            port = close + 1 < text.length() ? text.substring(close + 2) : null;
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException(option + ": missing host in " + text);
        }
        return new HostPort(host, port == null ? OptionalInt.empty() : OptionalInt.of(parsePort(option, port)));
    }

    public static int parsePort(String option, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the option name
        }
        throw new IllegalArgumentException(option + ": port must be a number from 1 to 65535, got \"" + text + "\"");
    }

    public String host() {
        return host;
    }

    public OptionalInt port() {
        return port;
    }

    /** The host as an IP address, refusing names: where an option means an interface, a DNS lookup is wrong. */
    public InetAddress literalAddress(String option) {
        if (!IP_LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException(option + ": expected an IP address, got \"" + host + "\"");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": not a valid IP address: " + host);
        }
    }

    public InetAddress address(String option) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": cannot resolve host " + host);
        }
    }

    public InetSocketAddress socketAddress(String option, int defaultPort) {
        return new InetSocketAddress(address(option), port.orElse(defaultPort));
    }

    /** The host and port without any DNS lookup, for addresses that are only passed on to others. */
    public InetSocketAddress unresolved(int defaultPort) {
        return InetSocketAddress.createUnresolved(host, port.orElse(defaultPort));
    }
}
