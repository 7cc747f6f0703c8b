package im.tandem.ice.vnet;

import java.net.InetSocketAddress;
import java.util.Set;

/** RFC 4787 section 5: which outside senders may reach an internal endpoint through its mapping. */
public enum FilteringRule {
    /** Anyone: the full cone. */
    ENDPOINT_INDEPENDENT,
    /** Any port of an IP the internal endpoint has sent to through this mapping. */
    ADDRESS_DEPENDENT,
    /** Only the exact IPs and ports it has sent to through this mapping. */
    ADDRESS_AND_PORT_DEPENDENT;

    boolean admits(InetSocketAddress sender, Set<InetSocketAddress> contacted) {
        return switch (this) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> contacted.stream().anyMatch(c -> c.getAddress().equals(sender.getAddress()));
            case ADDRESS_AND_PORT_DEPENDENT -> contacted.contains(sender);
        };
    }
}
