package im.tandem.ice.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One ICE candidate as signalling carries it (the fields of a XEP-0176 {@code <candidate/>}), free of ice4j types.
 *
 * @param foundation     groups candidates of the same type, base and server (RFC 8445 5.1.1.3)
 * @param component      1 for our single data component
 * @param protocol       {@code udp}, the only transport we gather
 * @param priority       RFC 8445 5.1.2 priority
 * @param ip             numeric IPv4 or IPv6 address
 * @param port           1–65535
 * @param type           host, srflx, prflx or relay
 * @param relatedAddress base address of a reflexive or relayed candidate, or {@code null}
 * @param relatedPort    its port, 0 when there is none
 * @param generation     ICE restart counter, 0 for the first
 */
public record IceCandidate(String foundation, int component, String protocol, long priority, String ip, int port,
                           CandidateType type, String relatedAddress, int relatedPort, int generation) {

    /** The only transport gathered: UDP (ICE-TCP is not needed when TURN over UDP is available). */
    public static final String UDP = "udp";
    private static final long MAX_PRIORITY = (1L << 31) - 1; // RFC 8445: a positive 32-bit integer

    public IceCandidate {
        if (foundation == null || foundation.isEmpty() || foundation.length() > 32) {
            throw new IllegalArgumentException("candidate foundation must be 1-32 characters, was '" + foundation
                    + "'");
        }
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("candidate component must be 1-256, was " + component);
        }
        if (!UDP.equalsIgnoreCase(protocol)) {
            throw new IllegalArgumentException("candidate protocol must be udp, was '" + protocol + "'");
        }
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("candidate priority must be 1-" + MAX_PRIORITY + ", was " + priority);
        }
        requireNumericAddress(ip, "candidate ip");
        requirePort(port, "candidate port");
        Objects.requireNonNull(type, "candidate type");
        if (relatedAddress != null) {
            requireNumericAddress(relatedAddress, "candidate rel-addr");
            if (relatedPort < 0 || relatedPort > 65535) {
                throw new IllegalArgumentException("candidate rel-port must be 0-65535, was " + relatedPort);
            }
        }
        if (generation < 0) {
            throw new IllegalArgumentException("candidate generation must not be negative, was " + generation);
        }
        protocol = UDP;
    }

    static InetAddress requireNumericAddress(String ip, String what) {
        if (ip == null || !ip.matches("[0-9A-Fa-f:.%]+")) {
            throw new IllegalArgumentException(what + " must be a numeric IP address, was '" + ip + "'");
        }
        try {
            return InetAddress.getByName(ip); // numeric: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + " must be a numeric IP address, was '" + ip + "'", e);
        }
    }

    static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1-65535, was " + port);
        }
    }
}
