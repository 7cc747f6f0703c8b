package im.tandem.client.direct;

import java.time.Duration;

/** Time for the conversations: a clock and delayed tasks, so that tests can drive both. */
interface Scheduler {
    /** A monotonic clock in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs the task once after the delay, on a thread of the scheduler. */
    void schedule(Runnable task, Duration delay);
}
