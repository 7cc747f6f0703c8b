package im.tandem.ice.nat;

/** The classic NAT types of RFC 3489 section 10.1, still what people and many tools talk about. */
public enum NatType {
    /** No NAT and no firewall: the mapped address is the local one and unsolicited answers get through. */
    OPEN_INTERNET,
    /** Endpoint-independent filtering: anyone may send to the mapped address. */
    FULL_CONE,
    /** Only hosts (any port) the client has sent to may answer. */
    RESTRICTED_CONE,
    /** Only host and port pairs the client has sent to may answer. */
    PORT_RESTRICTED_CONE,
    /** A new mapping per destination: server-reflexive candidates are useless to peers. */
    SYMMETRIC,
    /** No NAT, but a firewall that drops unsolicited answers. */
    SYMMETRIC_UDP_FIREWALL,
    /** The STUN server never answered: UDP to it is blocked (or the server is down). */
    UDP_BLOCKED
}
