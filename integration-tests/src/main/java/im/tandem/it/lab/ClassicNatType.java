package im.tandem.it.lab;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RFC 3489 NAT type as Debian's {@code stun} client (stun-client) reports it. The client prints a line such
 * as {@code Primary: Independent Mapping, Port Dependent Filter, preserves ports, no hairpin} and a
 * {@code Return value is 0x000017}, which is also its exit status: bits 1-3 hold the type, bit 0 "preserves
 * ports", bit 4 "no hairpin". The text and the code are decoded separately so each checks the other.
 */
public enum ClassicNatType {
    OPEN(0x00, "Open"),
    FULL_CONE(0x02, "Independent Mapping, Independent Filter"),
    RESTRICTED_CONE(0x04, "Independent Mapping, Address Dependent Filter"),
    PORT_RESTRICTED_CONE(0x06, "Independent Mapping, Port Dependent Filter"),
    SYMMETRIC(0x08, "Dependent Mapping"),
    SYMMETRIC_FIREWALL(0x0A, "Firewall"),
    BLOCKED(0x0C, "Blocked or could not reach STUN server");

    private static final int TYPE_BITS = 0x0E;
    private static final Pattern PRIMARY = Pattern.compile("(?m)^Primary: (.*)$");

    private final int code;
    private final String text;

    ClassicNatType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** What the client must report behind a router of the given kind. */
    public static ClassicNatType intendedFor(NatKind kind) {
        return switch (kind) {
            case NONE -> OPEN;
            case FULL_CONE -> FULL_CONE;
            case RESTRICTED_CONE -> RESTRICTED_CONE;
            case PORT_RESTRICTED_CONE -> PORT_RESTRICTED_CONE;
            case SYMMETRIC -> SYMMETRIC;
            case UDP_BLOCKED -> BLOCKED;
        };
    }

    /** The type named by the client's "Primary:" line. */
    public static ClassicNatType fromOutput(String output) {
        Matcher matcher = PRIMARY.matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("No 'Primary:' line in the stun client's output:\n" + output);
        }
        String verdict = matcher.group(1).strip();
        // The type comes first; details such as ", preserves ports, no hairpin" may follow.
        for (ClassicNatType type : values()) {
            if (verdict.equals(type.text) || verdict.startsWith(type.text + ",")) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown stun client verdict '" + verdict + "'");
    }

    /** The type encoded in the client's exit status. */
    public static ClassicNatType fromExitCode(int exitCode) {
        int type = exitCode & TYPE_BITS;
        return Arrays.stream(values()).filter(value -> value.code == type).findFirst().orElseThrow(
                () -> new IllegalArgumentException("Unknown stun client exit code 0x" + Integer.toHexString(exitCode)));
    }
}
