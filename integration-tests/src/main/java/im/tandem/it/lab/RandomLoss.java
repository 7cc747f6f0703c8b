package im.tandem.it.lab;

/**
 * Random loss on a router's link, both ways: an nftables table of its own (beside the NAT table and any cut) that
 * drops each forwarded packet with a fixed probability, drawn by {@code numgen random} (this kernel has no netem).
 */
final class RandomLoss {

    private static final String TABLE = "natlab_loss";
    /** Before the NAT table's filter chains, like a cut: a lost packet never reaches them. */
    private static final String PRIORITY = "filter - 10";
    /** The probability is given in parts of this, so that fractions of a per cent can be asked for. */
    static final int PARTS = 10_000;

    private RandomLoss() {
    }

    /** Replaces any loss in place with a drop of {@code parts} in {@link #PARTS} forwarded packets. */
    static String script(int parts) {
        if (parts < 0 || parts > PARTS) {
            throw new IllegalArgumentException("loss must be between 0 and " + PARTS + " parts in " + PARTS
                    + ", was " + parts);
        }
        return "add table ip " + TABLE + "\ndelete table ip " + TABLE + "\n" + """
                table ip %s {
                    chain forward {
                        type filter hook forward priority %s; policy accept;
                        numgen random mod %d < %d drop
                    }
                }
                """.formatted(TABLE, PRIORITY, PARTS, parts);
    }
}
