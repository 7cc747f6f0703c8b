package im.tandem.ice.session;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Which valid pair the controlling agent nominates (RFC 8445 regular nomination), in place of ice4j's default of
 * nominating whichever pair is valid first. A pair without a relay is nominated as soon as it is valid. A relayed
 * pair waits {@link #RELAY_GRACE} first: behind some NATs the direct pair works only once the peer's checks have been
 * retransmitted (a restricted cone opens for a symmetric NAT's fresh port only after it has sent there itself),
 * while a relayed pair answers at once; taking it then would send through the TURN server what could go direct.
 * One pair is nominated per session.
 *
 * @param <P> a candidate pair
 */
final class DirectFirstNominator<P> {
    /**
     * One second: several retransmissions of a connectivity check fit in it, so a direct pair that needs one is
     * valid by then; a relayed path costs this much more setup time, while chat goes through the server meanwhile.
     */
    static final Duration RELAY_GRACE = Duration.ofSeconds(1);

    /** Runs a task once a delay has passed. */
    @FunctionalInterface
    interface Timer {
        void after(Duration delay, Runnable task);
    }

    private final Timer timer;
    private final Consumer<P> nominate;
    private boolean nominated;

    /**
     * @param timer    where the relayed pairs' grace runs out
     * @param nominate nominates a pair through the agent; called at most once
     */
    DirectFirstNominator(Timer timer, Consumer<P> nominate) {
        this.timer = timer;
        this.nominate = nominate;
    }

    /** A pair became valid; only the controlling agent calls this. */
    void validated(P pair, boolean relayed) {
        if (relayed) {
            timer.after(RELAY_GRACE, () -> nominateFirst(pair));
        } else {
            nominateFirst(pair);
        }
    }

    private void nominateFirst(P pair) {
        synchronized (this) {
            if (nominated) {
                return;
            }
            nominated = true;
        }
        nominate.accept(pair);
    }
}
