package im.tandem.ice.stun;

/**
 * Per-source-IP token bucket settings.
 *
 * @param packetsPerSecond  steady refill rate of each source's bucket
 * @param burst             bucket size: how many packets a quiet source may send at once
 * @param maxTrackedSources how many source IPs are remembered; the least recently seen is forgotten first
 */
public record RateLimit(double packetsPerSecond, int burst, int maxTrackedSources) {
    /**
     * Generous enough for many clients behind one carrier-grade NAT doing ICE gathering and NAT discovery
     * (a discovery run is under 20 packets), yet a spoofed victim receives at most ~20 small answers a second.
     */
    public static final double DEFAULT_PACKETS_PER_SECOND = 20;
    /** Three full NAT-discovery runs (with retransmissions) at once from one address. */
    public static final int DEFAULT_BURST = 60;
    /** About 100 bytes each, so at most ~1 MB of state whatever the traffic. */
    public static final int DEFAULT_MAX_TRACKED_SOURCES = 10_000;

    public static final RateLimit DEFAULT =
            new RateLimit(DEFAULT_PACKETS_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_TRACKED_SOURCES);

    public RateLimit {
        if (!(packetsPerSecond > 0) || Double.isInfinite(packetsPerSecond)) {
            throw new IllegalArgumentException("rateLimit.packetsPerSecond must be a positive number, got "
                    + packetsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rateLimit.burst must be at least 1, got " + burst);
        }
        if (maxTrackedSources < 1) {
            throw new IllegalArgumentException("rateLimit.maxTrackedSources must be at least 1, got "
                    + maxTrackedSources);
        }
    }
}
