package im.tandem.openfire.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import im.tandem.ice.net.HostPort;
import im.tandem.ice.stun.RateLimit;
import im.tandem.ice.stun.StunDefaults;
import im.tandem.ice.stun.StunServerConfig;

/**
 * Whether the plugin runs a STUN server, and where, read from Openfire system properties. A bad value becomes a
 * problem naming the property and the server stays off, rather than half-configured.
 */
public record HostedStunSettings(Optional<StunServerConfig> server, List<String> problems) {
    /** {@code true} runs the STUN server on this node. */
    public static final String ENABLED = "tandem.stun.enabled";
    /** The primary {@code IP[:port]}; an IP literal, since a server binds to it. */
    public static final String PRIMARY = "tandem.stun.primary";
    /**
     * The alternate {@code IP[:port]}, a second address of this machine. With it the server answers RFC 3489 and
     * RFC 5780 change requests, so clients can tell every NAT type; without it, change requests get error 420.
     */
    public static final String ALTERNATE = "tandem.stun.alternate";
    /** Answers per second to one source address (a token bucket's refill rate); see {@link RateLimit}. */
    public static final String RATE = "tandem.stun.rate-limit";
    /** How many requests one quiet source address may send at once before the rate applies. */
    public static final String BURST = "tandem.stun.rate-burst";
    /** Off unless the admin turns it on: a STUN server should listen on public addresses only by choice. */
    public static final boolean DEFAULT_ENABLED = false;

    public static HostedStunSettings read(UnaryOperator<String> property) {
        String enabled = property.apply(ENABLED);
        if (enabled == null || enabled.isBlank() ? !DEFAULT_ENABLED : !Boolean.parseBoolean(enabled.trim())) {
            return new HostedStunSettings(Optional.empty(), List.of());
        }
        List<String> problems = new ArrayList<>();
        String primary = property.apply(PRIMARY);
        if (primary == null || primary.isBlank()) {
            problems.add(PRIMARY + " is not set: set it to this server's public IP address (and port, default "
                    + StunDefaults.PORT + "), or set " + ENABLED + " to false");
            return new HostedStunSettings(Optional.empty(), problems);
        }
        try {
            HostPort primaryAddress = HostPort.parse(PRIMARY, primary.trim());
            StunServerConfig.Builder builder = StunServerConfig.builder()
                    .primaryAddress(primaryAddress.literalAddress(PRIMARY))
                    .primaryPort(primaryAddress.port().orElse(StunDefaults.PORT));
            String alternate = property.apply(ALTERNATE);
            if (alternate != null && !alternate.isBlank()) {
                HostPort alternateAddress = HostPort.parse(ALTERNATE, alternate.trim());
                builder.alternateAddress(alternateAddress.literalAddress(ALTERNATE));
                alternateAddress.port().ifPresent(builder::alternatePort);
            }
            builder.rateLimit(new RateLimit(
                    number(property, RATE, RateLimit.DEFAULT_PACKETS_PER_SECOND),
                    (int) number(property, BURST, RateLimit.DEFAULT_BURST),
                    RateLimit.DEFAULT_MAX_TRACKED_SOURCES));
            return new HostedStunSettings(Optional.of(builder.build()), problems);
        } catch (IllegalArgumentException e) {
            problems.add("the hosted STUN server stays off: " + e.getMessage());
            return new HostedStunSettings(Optional.empty(), problems);
        }
    }

    private static double number(UnaryOperator<String> property, String name, double fallback) {
        String value = property.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (number >= 1 && number <= Integer.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the property's name
        }
        throw new IllegalArgumentException(name + " must be a number of at least 1, not '" + value + "'");
    }
}
