package im.tandem.ice.net;

import java.time.Duration;

/**
 * Time as protocol code sees it: a monotonic clock and delayed tasks. The real one runs on a thread
 * ({@link ExecutorScheduler}); a simulated one lets tests move time by hand, so retransmissions and timeouts
 * play out in microseconds.
 */
public interface Scheduler {
    /** Monotonic nanoseconds with an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} once, {@code delay} from now, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Does nothing if the task already ran or was cancelled. */
        void cancel();
    }
}
