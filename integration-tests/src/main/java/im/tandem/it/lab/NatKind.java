package im.tandem.it.lab;

import java.net.InetAddress;

/**
 * The NAT behaviours a lab router emulates, each as an nftables table installed in the router's namespace.
 *
 * <p>Facts the rules rely on: Linux source NAT keeps the source port whenever it is free, so plain SNAT maps
 * endpoint-independently, and conntrack lets in only replies from the exact address and port a flow went to
 * (port-restricted filtering). Every router also drops UDP arriving on its WAN side for itself: otherwise a
 * filtered packet would create a conntrack entry in the router, the next outbound packet to that sender would
 * clash with it, SNAT would pick another port, and a cone NAT would look symmetric. Nothing emulates hairpinning.
 */
public enum NatKind {

    /** Plain routing: the client has a public address and nothing is filtered (RFC 3489 "Open Internet"). */
    NONE(false, "open") {
        @Override
        String chains(RouterPorts ports) {
            return "";
        }
    },

    /**
     * Endpoint-independent mapping and filtering: once a port is mapped, anyone may send to it. A dynamic set
     * remembers every mapped port (read after SNAT); a new inbound flow to a remembered port is let in.
     */
    FULL_CONE(true, "fullcone") {
        @Override
        String chains(RouterPorts ports) {
            return sourceNat(ports, "") + admitRemembered(ports, "inet_service", "udp sport", "udp dport");
        }
    },

    /**
     * Endpoint-independent mapping, address-dependent filtering: a remote host the client has sent to may answer
     * from any port. The set remembers (mapped port, remote address) for every outbound packet.
     */
    RESTRICTED_CONE(true, "restricted") {
        @Override
        String chains(RouterPorts ports) {
            return sourceNat(ports, "") + admitRemembered(ports, "inet_service . ipv4_addr",
                    "udp sport . ip daddr", "udp dport . ip saddr");
        }
    },

    /** Endpoint-independent mapping, address-and-port-dependent filtering: plain port-keeping SNAT. */
    PORT_RESTRICTED_CONE(true, "portrestrict") {
        @Override
        String chains(RouterPorts ports) {
            return sourceNat(ports, "");
        }
    },

    /** A new random public port for every remote address and port, and port-restricted filtering. */
    SYMMETRIC(true, "symmetric") {
        @Override
        String chains(RouterPorts ports) {
            return sourceNat(ports, " fully-random");
        }
    },

    /** All forwarded UDP is dropped, both ways; TCP is translated like a port-restricted cone. */
    UDP_BLOCKED(true, "udpblocked") {
        @Override
        String chains(RouterPorts ports) {
            return sourceNat(ports, "") + """
                        chain forward {
                            type filter hook forward priority filter; policy accept;
                            meta l4proto udp drop
                        }
                    """;
        }
    };

    /** The nftables table holding a router's NAT rules. */
    private static final String TABLE = "natlab";

    /**
     * How long the cone NATs remember a mapped port or contacted address: conntrack's default timeout for a UDP
     * flow that has seen replies (nf_conntrack_udp_timeout_stream), so filtering state and mapping expire together.
     */
    private static final int FILTER_STATE_SECONDS = 120;

    private final boolean translates;
    private final String clientName;

    NatKind(boolean translates, String clientName) {
        this.translates = translates;
        this.clientName = clientName;
    }

    /** A client name for labs holding one client of each kind: short enough for the builder's naming rule. */
    public String clientName() {
        return clientName;
    }

    /** Whether the router translates addresses; if not, its client gets a public address. */
    public boolean translates() {
        return translates;
    }

    /** The complete nftables script for a router of this kind. */
    String ruleset(RouterPorts ports) {
        return """
                table ip %s {
                    chain input {
                        type filter hook input priority filter; policy accept;
                        iifname "%s" meta l4proto udp drop
                    }
                %s}
                """.formatted(TABLE, ports.wanInterface(), chains(ports));
    }

    /** This kind's chains and sets, indented to sit inside the table. */
    abstract String chains(RouterPorts ports);

    private static String sourceNat(RouterPorts ports, String flags) {
        return """
                    chain postrouting {
                        type nat hook postrouting priority srcnat; policy accept;
                        oifname "%s" snat to %s%s
                    }
                """.formatted(ports.wanInterface(), address(ports.wanAddress()), flags);
    }

    /**
     * A set filled with {@code outboundKey} of every UDP packet leaving through the WAN (at a priority after
     * SNAT, so the key holds the mapped port), and a DNAT to the client for new inbound flows whose
     * {@code inboundKey} is in the set. Packets of flows conntrack already knows never reach a NAT chain.
     */
    private static String admitRemembered(RouterPorts ports, String setType, String outboundKey,
                                          String inboundKey) {
        return """
                    set remembered {
                        type %s
                        flags dynamic, timeout
                        timeout %ds
                    }
                    chain remember {
                        type filter hook postrouting priority srcnat + 10; policy accept;
                        oifname "%s" meta l4proto udp update @remembered { %s }
                    }
                    chain prerouting {
                        type nat hook prerouting priority dstnat; policy accept;
                        iifname "%s" meta l4proto udp %s @remembered dnat to %s
                    }
                """.formatted(setType, FILTER_STATE_SECONDS, ports.wanInterface(), outboundKey,
                ports.wanInterface(), inboundKey, address(ports.clientAddress()));
    }

    private static String address(InetAddress address) {
        return address.getHostAddress();
    }
}
