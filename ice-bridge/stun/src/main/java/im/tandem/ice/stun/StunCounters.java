package im.tandem.ice.stun;

import java.util.concurrent.atomic.LongAdder;

/** The server's counters, updated from every socket thread without locking. */
final class StunCounters {
    private final LongAdder requests = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    void request() {
        requests.increment();
    }

    void answered() {
        answered.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    StunServerStatistics snapshot() {
        return new StunServerStatistics(requests.sum(), answered.sum(), malformed.sum(), rateLimited.sum());
    }
}
