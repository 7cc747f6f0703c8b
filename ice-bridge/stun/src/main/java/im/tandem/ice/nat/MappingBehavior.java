package im.tandem.ice.nat;

/** How the NAT maps a local endpoint to public ones (RFC 4787 section 4.1, tested as in RFC 5780 section 4.3). */
public enum MappingBehavior {
    /** The mapped address is the local address: there is no NAT. */
    NO_NAT,
    ENDPOINT_INDEPENDENT,
    ADDRESS_DEPENDENT,
    ADDRESS_AND_PORT_DEPENDENT,
    /** Not determinable; the result's reason says why. */
    UNKNOWN
}
