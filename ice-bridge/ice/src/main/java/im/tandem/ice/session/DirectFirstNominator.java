package im.tandem.ice.session;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Which valid pair the controlling agent nominates (RFC 8445 regular nomination), in place of ice4j's default of
 * nominating whichever pair is valid first. A pair without a relay is nominated as soon as it is valid. Relayed pairs
 * wait {@link #RELAY_GRACE} from the first of them: behind some NATs the direct pair works only once the peer's checks
 * have been retransmitted (a restricted cone opens for a symmetric NAT's fresh port only after it has sent there
 * itself), while a relayed pair answers at once; taking it then would send through the TURN server what could go
 * direct. When the grace ends, the relayed pair with the fewest relayed ends valid by then is nominated: one that
 * crosses the TURN server once (our relay to the peer's own address, or the other way round) rather than through
 * both sides' allocations, as ICE's pair priorities order them too. One pair is nominated per session; when its
 * nomination check fails (the check or its answer lost), the same pair is checked again, up to
 * {@link #NOMINATION_ATTEMPTS} times in all: it was valid a moment before, and a session given up here would wait
 * out the whole connect timeout with working pairs in hand.
 *
 * @param <P> a candidate pair
 */
final class DirectFirstNominator<P> {
    /**
     * One second: several retransmissions of a connectivity check fit in it, so a direct pair that needs one is
     * valid by then; a relayed path costs this much more setup time, while chat goes through the server meanwhile.
     */
    static final Duration RELAY_GRACE = Duration.ofSeconds(1);
    /**
     * Three nomination checks: each is a STUN transaction with its own retransmissions, so a third failure means the
     * pair stopped working rather than that a datagram was lost; the connect timeout ends the session then.
     */
    static final int NOMINATION_ATTEMPTS = 3;

    /** Runs a task once a delay has passed. */
    @FunctionalInterface
    interface Timer {
        void after(Duration delay, Runnable task);
    }

    private final Timer timer;
    private final Consumer<P> nominate;
    /** The pair nominated; null until then. */
    private P nominated;
    private int attempts;
    /** The relayed pair to nominate when the grace ends; null until one is valid. */
    private P bestRelayed;
    private int bestRelayedEnds;

    /**
     * @param timer    where the relayed pairs' grace runs out
     * @param nominate sends a pair's nomination check through the agent: once, and again for the same pair each
     *                 time {@link #nominationFailed} asks for another attempt
     */
    DirectFirstNominator(Timer timer, Consumer<P> nominate) {
        this.timer = timer;
        this.nominate = nominate;
    }

    /**
     * A pair became valid; only the controlling agent calls this.
     *
     * @param relayedEnds how many of the pair's two candidates are TURN relays: 0, 1 or 2
     */
    void validated(P pair, int relayedEnds) {
        if (relayedEnds < 0 || relayedEnds > 2) {
            throw new IllegalArgumentException("a pair has 0 to 2 relayed ends, not " + relayedEnds);
        }
        if (relayedEnds == 0) {
            nominateOnce(pair);
            return;
        }
        boolean first;
        synchronized (this) {
            first = bestRelayed == null;
            if (first || relayedEnds < bestRelayedEnds) {
                bestRelayed = pair;
                bestRelayedEnds = relayedEnds;
            }
        }
        if (first) {
            timer.after(RELAY_GRACE, () -> {
                P best;
                synchronized (this) {
                    best = bestRelayed;
                }
                nominateOnce(best);
            });
        }
    }

    /** A nomination check on {@code pair} failed; only the controlling agent calls this. */
    void nominationFailed(P pair) {
        synchronized (this) {
            if (pair != nominated || attempts >= NOMINATION_ATTEMPTS) {
                return;
            }
            attempts++;
        }
        nominate.accept(pair);
    }

    private void nominateOnce(P pair) {
        synchronized (this) {
            if (nominated != null) {
                return;
            }
            nominated = pair;
            attempts = 1;
        }
        nominate.accept(pair);
    }
}
