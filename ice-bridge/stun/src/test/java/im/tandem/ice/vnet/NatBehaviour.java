package im.tandem.ice.vnet;

import java.time.Duration;

/**
 * How a {@link Nat} treats UDP. The constants are the router kinds of the namespace lab; any other combination of
 * RFC 4787 rules can be built too.
 *
 * @param mapping        when an outgoing datagram gets a new public port
 * @param filtering      which incoming datagrams a mapping lets in
 * @param mappingTimeout how long a mapping lives after the last datagram sent through it
 * @param dropsUdp       whether the router drops every UDP datagram, both ways (a network that allows no UDP)
 */
public record NatBehaviour(MappingRule mapping, FilteringRule filtering, Duration mappingTimeout, boolean dropsUdp) {
    /**
     * Two minutes, the least RFC 4787 (REQ-5) allows: the shortest lifetime a conforming NAT may give an idle
     * mapping, so what keepalives must beat.
     */
    public static final Duration DEFAULT_MAPPING_TIMEOUT = Duration.ofMinutes(2);

    public static final NatBehaviour FULL_CONE =
            forwarding(MappingRule.ENDPOINT_INDEPENDENT, FilteringRule.ENDPOINT_INDEPENDENT);
    public static final NatBehaviour RESTRICTED_CONE =
            forwarding(MappingRule.ENDPOINT_INDEPENDENT, FilteringRule.ADDRESS_DEPENDENT);
    public static final NatBehaviour PORT_RESTRICTED_CONE =
            forwarding(MappingRule.ENDPOINT_INDEPENDENT, FilteringRule.ADDRESS_AND_PORT_DEPENDENT);
    public static final NatBehaviour SYMMETRIC =
            forwarding(MappingRule.ADDRESS_AND_PORT_DEPENDENT, FilteringRule.ADDRESS_AND_PORT_DEPENDENT);
    /** The rules do not matter: nothing gets through. */
    public static final NatBehaviour UDP_BLOCKED = new NatBehaviour(MappingRule.ADDRESS_AND_PORT_DEPENDENT,
            FilteringRule.ADDRESS_AND_PORT_DEPENDENT, DEFAULT_MAPPING_TIMEOUT, true);

    public NatBehaviour {
        if (mapping == null || filtering == null) {
            throw new IllegalArgumentException("mapping and filtering rules are required");
        }
        if (mappingTimeout == null || mappingTimeout.isNegative() || mappingTimeout.isZero()) {
            throw new IllegalArgumentException("mappingTimeout must be positive, got " + mappingTimeout);
        }
    }

    /** A NAT that forwards UDP under the given rules, with the default mapping timeout. */
    public static NatBehaviour forwarding(MappingRule mapping, FilteringRule filtering) {
        return new NatBehaviour(mapping, filtering, DEFAULT_MAPPING_TIMEOUT, false);
    }

    public NatBehaviour withMappingTimeout(Duration timeout) {
        return new NatBehaviour(mapping, filtering, timeout, dropsUdp);
    }
}
