package im.tandem.ice.session;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.ice4j.ice.CandidatePair;

/**
 * Which valid pair the controlling agent nominates (RFC 8445 regular nomination), in place of ice4j's default of
 * nominating whichever pair is valid first. A pair without a relay is nominated as soon as it is valid. A relayed
 * pair waits {@link #RELAY_GRACE} first: behind some NATs the direct pair works only once the peer's checks have been
 * retransmitted (a restricted cone opens for a symmetric NAT's fresh port only after it has sent there itself),
 * while a relayed pair answers at once; taking it then would send through the TURN server what could go direct.
 * One pair is nominated per session.
 */
final class DirectFirstNominator {
    /**
     * One second: several retransmissions of a connectivity check fit in it, so a direct pair that needs one is
     * valid by then; a relayed path costs this much more setup time, while chat goes through the server meanwhile.
     */
    static final Duration RELAY_GRACE = Duration.ofSeconds(1);

    private final ScheduledExecutorService timers;
    private final Consumer<CandidatePair> nominate;
    private boolean nominated;

    /**
     * @param timers   where the relayed pairs' grace runs out
     * @param nominate nominates a pair through the agent; called at most once
     */
    DirectFirstNominator(ScheduledExecutorService timers, Consumer<CandidatePair> nominate) {
        this.timers = timers;
        this.nominate = nominate;
    }

    /** A pair became valid; only the controlling agent calls this. */
    void validated(CandidatePair pair) {
        if (isRelayed(pair)) {
            timers.schedule(() -> nominateFirst(pair), RELAY_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            nominateFirst(pair);
        }
    }

    private void nominateFirst(CandidatePair pair) {
        synchronized (this) {
            if (nominated) {
                return;
            }
            nominated = true;
        }
        nominate.accept(pair);
    }

    private static boolean isRelayed(CandidatePair pair) {
        return Ice4jCandidates.typeOf(pair.getLocalCandidate().getType()) == CandidateType.RELAY
                || Ice4jCandidates.typeOf(pair.getRemoteCandidate().getType()) == CandidateType.RELAY;
    }
}
