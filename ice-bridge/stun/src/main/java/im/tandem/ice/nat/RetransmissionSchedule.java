package im.tandem.ice.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5389 section 7.2.1 retransmission (the interval doubles after every send), cut off by an overall budget
 * instead of RFC 5389's 39.5 s, because discovery must report within seconds.
 *
 * @param initialRto wait before the first retransmission
 * @param budget     time after the first send at which the probe gives up
 */
public record RetransmissionSchedule(Duration initialRto, Duration budget) {
    /** Short first RTO: a LAN round trip is a few milliseconds and even intercontinental ones are under this. */
    public static final Duration INITIAL_RTO = Duration.ofMillis(100);
    /**
     * First request to the server: an answer here proves UDP works, silence means UDP_BLOCKED. Sends at 0, 100,
     * 300, 700 and 1500 ms and gives up at 2.5 s, so a blocked network is reported within 3 s.
     */
    public static final RetransmissionSchedule FIRST_PROBE =
            new RetransmissionSchedule(INITIAL_RTO, Duration.ofMillis(2500));
    /**
     * Every later request: the server is known to answer, so this only rides out a lost packet or two (sends at
     * 0, 100, 300 and 700 ms). Filtered answers never come, so this budget is also what a filtering NAT costs,
     * and a non-blocked discovery ends about one round trip plus 0.8 s after it starts at worst.
     */
    public static final RetransmissionSchedule FOLLOW_UP =
            new RetransmissionSchedule(INITIAL_RTO, Duration.ofMillis(800));

    public RetransmissionSchedule {
        if (initialRto == null || initialRto.isNegative() || initialRto.isZero()) {
            throw new IllegalArgumentException("initialRto must be positive");
        }
        if (budget == null || budget.compareTo(initialRto) < 0) {
            throw new IllegalArgumentException("budget must be at least initialRto");
        }
    }

    /** When to (re)send, measured from the first send; the first entry is always zero. */
    public List<Duration> sendOffsets() {
        List<Duration> offsets = new ArrayList<>();
        Duration next = Duration.ZERO;
        Duration interval = initialRto;
        while (next.compareTo(budget) < 0) {
            offsets.add(next);
            next = next.plus(interval);
            interval = interval.multipliedBy(2);
        }
        return offsets;
    }
}
