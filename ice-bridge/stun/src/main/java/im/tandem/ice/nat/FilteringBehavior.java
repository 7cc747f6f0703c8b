package im.tandem.ice.nat;

/** Which inbound packets the NAT or firewall lets through (RFC 4787 section 5, tested as in RFC 5780 section 4.4). */
public enum FilteringBehavior {
    ENDPOINT_INDEPENDENT,
    ADDRESS_DEPENDENT,
    ADDRESS_AND_PORT_DEPENDENT,
    /** Not determinable; the result's reason says why. */
    UNKNOWN
}
