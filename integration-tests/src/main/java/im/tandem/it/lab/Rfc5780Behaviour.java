package im.tandem.it.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mapping or filtering behaviour (RFC 4787 terms, RFC 5780 tests) as coturn's {@code turnutils_natdiscovery}
 * reports it: lines such as {@code NAT with Address Dependent Filtering!}, {@code No NAT! (Endpoint Independent
 * Mapping)} when the mapped address is the local one (it needs {@code -L}), and no verdict at all when no
 * response came back.
 */
public enum Rfc5780Behaviour {
    NO_NAT,
    ENDPOINT_INDEPENDENT,
    ADDRESS_DEPENDENT,
    ADDRESS_AND_PORT_DEPENDENT,
    NO_RESPONSE;

    private static final Pattern NAT_WITH = Pattern.compile("NAT with (.+) (Mapping|Filtering)!");

    /** The mapping verdict the tool must print behind a router of the given kind. */
    public static Rfc5780Behaviour intendedMapping(NatKind kind) {
        return switch (kind) {
            case NONE -> NO_NAT;
            case FULL_CONE, RESTRICTED_CONE, PORT_RESTRICTED_CONE -> ENDPOINT_INDEPENDENT;
            case SYMMETRIC -> ADDRESS_AND_PORT_DEPENDENT;
            case UDP_BLOCKED -> NO_RESPONSE;
        };
    }

    /** The filtering verdict the tool must print behind a router of the given kind. */
    public static Rfc5780Behaviour intendedFiltering(NatKind kind) {
        return switch (kind) {
            case NONE, FULL_CONE -> ENDPOINT_INDEPENDENT;
            case RESTRICTED_CONE -> ADDRESS_DEPENDENT;
            case PORT_RESTRICTED_CONE, SYMMETRIC -> ADDRESS_AND_PORT_DEPENDENT;
            case UDP_BLOCKED -> NO_RESPONSE;
        };
    }

    /**
     * The verdict of a mapping run ({@code -m}). The tool checks for a NAT after the first response and prints
     * "No NAT!" if there is none, then goes on and prints a mapping verdict anyway: "No NAT!" settles it.
     */
    public static Rfc5780Behaviour mapping(String output) {
        return output.contains("No NAT!") ? NO_NAT : lastVerdict(output, "Mapping");
    }

    /** The verdict of a filtering run ({@code -f}): the last one printed, after every test has answered or not. */
    public static Rfc5780Behaviour filtering(String output) {
        return lastVerdict(output, "Filtering");
    }

    private static Rfc5780Behaviour lastVerdict(String output, String aspect) {
        Rfc5780Behaviour last = NO_RESPONSE;
        Matcher matcher = NAT_WITH.matcher(output);
        while (matcher.find()) {
            if (!matcher.group(2).equals(aspect)) {
                continue;
            }
            last = switch (matcher.group(1)) {
                case "Endpoint Independent" -> ENDPOINT_INDEPENDENT;
                case "Address Dependent" -> ADDRESS_DEPENDENT;
                case "Address and Port Dependent" -> ADDRESS_AND_PORT_DEPENDENT;
                default -> throw new IllegalArgumentException("Unknown natdiscovery verdict: " + matcher.group());
            };
        }
        return last;
    }
}
