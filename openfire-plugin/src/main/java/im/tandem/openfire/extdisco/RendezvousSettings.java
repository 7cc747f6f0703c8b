package im.tandem.openfire.extdisco;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import im.tandem.ice.net.HostPort;

/**
 * The STUN and TURN services the server tells its users about, read from Openfire system properties. Parsing
 * never throws: each bad value becomes a problem that names the property and the fix, and the service it
 * belongs to is left out while the others still work.
 */
public record RendezvousSettings(Optional<InetSocketAddress> stun, Optional<Turn> turn, List<String> problems) {
    /** Advertise a STUN service (the hosted one, or any other) at this {@code host:port}. Empty: none. */
    public static final String STUN_ADVERTISED = "tandem.stun.advertised";
    /** The TURN server's {@code host:port} as clients reach it. Empty: no TURN service is offered. */
    public static final String TURN_ADDRESS = "tandem.turn.address";
    /** {@code udp} or {@code tcp}. */
    public static final String TURN_TRANSPORT = "tandem.turn.transport";
    /** The secret shared with the TURN server (coturn's {@code static-auth-secret}). */
    public static final String TURN_SECRET = "tandem.turn.secret";
    /** How long issued TURN credentials stay valid, in seconds. */
    public static final String TURN_LIFETIME = "tandem.turn.credential-lifetime";

    /** A day, as common deployments use: long enough for any call, short enough to limit a leaked password. */
    public static final Duration DEFAULT_TURN_LIFETIME = Duration.ofHours(24);
    public static final String DEFAULT_TURN_TRANSPORT = "udp";
    /** The standard STUN/TURN port (RFC 8489, RFC 8656). */
    public static final int DEFAULT_PORT = 3478;
    /** Credentials living longer than a week defeat the point of short-lived ones. */
    private static final Duration MAX_TURN_LIFETIME = Duration.ofDays(7);

    /** A TURN service with the secret to issue its credentials; the address is never resolved here. */
    public record Turn(InetSocketAddress address, String transport, String secret, Duration lifetime) {
    }

    /** Reads the settings through {@code property}, which returns null for an unset property. */
    public static RendezvousSettings read(UnaryOperator<String> property) {
        List<String> problems = new ArrayList<>();
        Optional<InetSocketAddress> stun = address(property, STUN_ADVERTISED, problems);
        Optional<Turn> turn = address(property, TURN_ADDRESS, problems).flatMap(address -> {
            String secret = property.apply(TURN_SECRET);
            if (secret == null || secret.isBlank()) {
                problems.add(TURN_SECRET + " is not set: set it to the static-auth-secret of the TURN server at "
                        + address.getHostString() + ":" + address.getPort() + ", or clear " + TURN_ADDRESS + " to offer no TURN service");
                return Optional.empty();
            }
            String transport = orDefault(property.apply(TURN_TRANSPORT), DEFAULT_TURN_TRANSPORT);
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                problems.add(TURN_TRANSPORT + " must be 'udp' or 'tcp', not '" + transport + "'");
                return Optional.empty();
            }
            return lifetime(property, problems).map(lifetime -> new Turn(address, transport, secret, lifetime));
        });
        return new RendezvousSettings(stun, turn, List.copyOf(problems));
    }

    private static Optional<Duration> lifetime(UnaryOperator<String> property, List<String> problems) {
        String value = property.apply(TURN_LIFETIME);
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT_TURN_LIFETIME);
        }
        try {
            Duration lifetime = Duration.ofSeconds(Long.parseLong(value.trim()));
            if (lifetime.getSeconds() < 60 || lifetime.compareTo(MAX_TURN_LIFETIME) > 0) {
                problems.add(TURN_LIFETIME + " must be between 60 and " + MAX_TURN_LIFETIME.getSeconds()
                        + " seconds, not " + value);
                return Optional.empty();
            }
            return Optional.of(lifetime);
        } catch (NumberFormatException e) {
            problems.add(TURN_LIFETIME + " must be a number of seconds, not '" + value + "'");
            return Optional.empty();
        }
    }

    private static Optional<InetSocketAddress> address(UnaryOperator<String> property, String name, List<String> problems) {
        String value = property.apply(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostPort.parse(name, value.trim()).unresolved(DEFAULT_PORT));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
