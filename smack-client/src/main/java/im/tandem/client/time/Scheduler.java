package im.tandem.client.time;

import java.time.Duration;

/**
 * Time for sessions and conversations: a clock and delayed tasks, so that tests can drive both (with a clock they
 * move by hand) while the application runs on {@link ExecutorScheduler}.
 */
public interface Scheduler {
    /** A monotonic clock in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs the task once after the delay, on a thread of the scheduler. */
    void schedule(Runnable task, Duration delay);
}
