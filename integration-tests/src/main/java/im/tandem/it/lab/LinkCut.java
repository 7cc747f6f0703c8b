package im.tandem.it.lab;

/**
 * What a cut router link drops: an nftables table of its own, beside the router's NAT table, so that adding or
 * removing a cut never touches the NAT state.
 */
enum LinkCut {
    /** Everything forwarded, both ways: the uplink is dead. */
    ALL(""),
    /** Forwarded UDP only, both ways: media and ICE die, TCP (XMPP) lives. */
    UDP("meta l4proto udp ");

    private static final String TABLE = "natlab_cut";
    /** Before the NAT table's filter chains, so a cut wins over anything they allow. */
    private static final String PRIORITY = "filter - 10";

    private final String match;

    LinkCut(String match) {
        this.match = match;
    }

    /** Replaces any cut in place with this one, atomically. */
    String script() {
        return removal() + """
                table ip %s {
                    chain forward {
                        type filter hook forward priority %s; policy accept;
                        %sdrop
                    }
                }
                """.formatted(TABLE, PRIORITY, match);
    }

    /** Removes the cut, whether or not there is one: "add" first makes "delete" always valid. */
    static String removal() {
        return "add table ip " + TABLE + "\ndelete table ip " + TABLE + "\n";
    }
}
