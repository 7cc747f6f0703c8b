package im.tandem.ice.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link IceSession}. Start from {@link #defaults()}; every value is checked when set, and the error
 * names the setting.
 *
 * @param stunServers       servers asked for our server-reflexive address
 * @param turnServers       servers asked for a relayed address (and a server-reflexive one)
 * @param allowedInterfaces if not empty, only these network interfaces give host candidates
 * @param blockedInterfaces these interfaces never do (only without {@code allowedInterfaces}, as in ice4j)
 * @param allowedAddresses  if not empty, only these local addresses give host candidates
 * @param blockedAddresses  these local addresses never do
 * @param useIpv6           whether to gather IPv6 host candidates
 * @param gatherTimeout     how long one STUN or TURN server may take to answer while gathering
 * @param connectTimeout    how long connectivity checks may take before the session fails
 * @param pathTimeout       how long the selected path may go without consent (RFC 7675) before it is reported lost
 */
public record IceConfig(List<InetSocketAddress> stunServers, List<TurnServer> turnServers,
                        List<String> allowedInterfaces, List<String> blockedInterfaces,
                        List<String> allowedAddresses, List<String> blockedAddresses, boolean useIpv6,
                        Duration gatherTimeout, Duration connectTimeout, Duration pathTimeout) {

    /**
     * Off by default: the lab and most peers are IPv4, and each extra address family multiplies the candidate
     * pairs to check. Turn on where IPv6 paths matter.
     */
    public static final boolean DEFAULT_USE_IPV6 = false;
    /** A STUN or TURN server that has not answered in 5 s (several retransmissions) is not worth waiting for. */
    public static final Duration DEFAULT_GATHER_TIMEOUT = Duration.ofSeconds(5);
    /**
     * ICE gets 10 s to find a path; chat falls back to the server meanwhile, so waiting longer buys little.
     */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A path without consent for 10 s is reported lost. RFC 7675 lets consent lapse after 30 s; we need to
     * notice sooner so that unacknowledged messages go through the server instead.
     */
    public static final Duration DEFAULT_PATH_TIMEOUT = Duration.ofSeconds(10);

    public IceConfig {
        stunServers = List.copyOf(stunServers);
        stunServers.forEach(s -> requireResolved(s, "stun server address"));
        turnServers = List.copyOf(turnServers);
        allowedInterfaces = names(allowedInterfaces, "allowedInterfaces");
        blockedInterfaces = names(blockedInterfaces, "blockedInterfaces");
        if (!allowedInterfaces.isEmpty() && !blockedInterfaces.isEmpty()) {
            throw new IllegalArgumentException("set allowedInterfaces or blockedInterfaces, not both: ice4j ignores "
                    + "blockedInterfaces when allowedInterfaces is set");
        }
        allowedAddresses = addresses(allowedAddresses, "allowedAddresses");
        blockedAddresses = addresses(blockedAddresses, "blockedAddresses");
        requirePositive(gatherTimeout, "gatherTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(pathTimeout, "pathTimeout");
        if (pathTimeout.compareTo(Ice4jDefaults.CONSENT_CHECK_INTERVAL.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("pathTimeout (" + pathTimeout + ") must be at least twice the consent"
                    + " check interval (" + Ice4jDefaults.CONSENT_CHECK_INTERVAL + ")");
        }
    }

    /** No servers, every interface except loopback (ice4j never uses it), IPv4 only, default timeouts. */
    public static IceConfig defaults() {
        return new IceConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), DEFAULT_USE_IPV6,
                DEFAULT_GATHER_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_PATH_TIMEOUT);
    }

    public IceConfig withStunServers(List<InetSocketAddress> value) {
        return new IceConfig(value, turnServers, allowedInterfaces, blockedInterfaces, allowedAddresses,
                blockedAddresses, useIpv6, gatherTimeout, connectTimeout, pathTimeout);
    }

    public IceConfig withTurnServers(List<TurnServer> value) {
        return new IceConfig(stunServers, value, allowedInterfaces, blockedInterfaces, allowedAddresses,
                blockedAddresses, useIpv6, gatherTimeout, connectTimeout, pathTimeout);
    }

    public IceConfig withAllowedInterfaces(List<String> value) {
        return new IceConfig(stunServers, turnServers, value, blockedInterfaces, allowedAddresses,
                blockedAddresses, useIpv6, gatherTimeout, connectTimeout, pathTimeout);
    }

    public IceConfig withBlockedInterfaces(List<String> value) {
        return new IceConfig(stunServers, turnServers, allowedInterfaces, value, allowedAddresses,
                blockedAddresses, useIpv6, gatherTimeout, connectTimeout, pathTimeout);
    }

    public IceConfig withAllowedAddresses(List<String> value) {
        return new IceConfig(stunServers, turnServers, allowedInterfaces, blockedInterfaces, value,
                blockedAddresses, useIpv6, gatherTimeout, connectTimeout, pathTimeout);
    }

    public IceConfig withBlockedAddresses(List<String> value) {
        return new IceConfig(stunServers, turnServers, allowedInterfaces, blockedInterfaces, allowedAddresses,
                value, useIpv6, gatherTimeout, connectTimeout, pathTimeout);
    }

    public IceConfig withUseIpv6(boolean value) {
        return new IceConfig(stunServers, turnServers, allowedInterfaces, blockedInterfaces, allowedAddresses,
                blockedAddresses, value, gatherTimeout, connectTimeout, pathTimeout);
    }

    public IceConfig withGatherTimeout(Duration value) {
        return new IceConfig(stunServers, turnServers, allowedInterfaces, blockedInterfaces, allowedAddresses,
                blockedAddresses, useIpv6, value, connectTimeout, pathTimeout);
    }

    public IceConfig withConnectTimeout(Duration value) {
        return new IceConfig(stunServers, turnServers, allowedInterfaces, blockedInterfaces, allowedAddresses,
                blockedAddresses, useIpv6, gatherTimeout, value, pathTimeout);
    }

    public IceConfig withPathTimeout(Duration value) {
        return new IceConfig(stunServers, turnServers, allowedInterfaces, blockedInterfaces, allowedAddresses,
                blockedAddresses, useIpv6, gatherTimeout, connectTimeout, value);
    }

    static void requireResolved(InetSocketAddress address, String what) {
        Objects.requireNonNull(address, what);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(what + " must be a numeric address, was unresolved " + address);
        }
        IceCandidate.requirePort(address.getPort(), what + " port");
    }

    private static List<String> names(List<String> values, String setting) {
        for (String value : values) {
            if (value == null || value.isBlank() || value.contains(";")) {
                throw new IllegalArgumentException(setting + " entries must be interface names, was '" + value + "'");
            }
        }
        return List.copyOf(values);
    }

    private static List<String> addresses(List<String> values, String setting) {
        values.forEach(v -> IceCandidate.requireNumericAddress(v, setting + " entry"));
        return List.copyOf(values);
    }

    private static void requirePositive(Duration value, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }
}
