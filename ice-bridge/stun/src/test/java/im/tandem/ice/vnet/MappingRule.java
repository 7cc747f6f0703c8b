package im.tandem.ice.vnet;

import java.net.InetSocketAddress;

/** RFC 4787 section 4.1: when a NAT reuses an internal endpoint's public address and port for a new destination. */
public enum MappingRule {
    /** One mapping per internal endpoint, whatever the destination (REQ-1's recommendation). */
    ENDPOINT_INDEPENDENT,
    /** A new mapping per destination IP. */
    ADDRESS_DEPENDENT,
    /** A new mapping per destination IP and port: the symmetric NAT. */
    ADDRESS_AND_PORT_DEPENDENT;

    /** The part of the destination that tells this NAT's mappings of one internal endpoint apart. */
    Object distinguishing(InetSocketAddress destination) {
        return switch (this) {
            case ENDPOINT_INDEPENDENT -> "any destination";
            case ADDRESS_DEPENDENT -> destination.getAddress();
            case ADDRESS_AND_PORT_DEPENDENT -> destination;
        };
    }
}
