package im.tandem.ice.net;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The real {@link Scheduler}: {@link System#nanoTime()} and a {@link ScheduledExecutorService} the caller owns. */
public final class ExecutorScheduler implements Scheduler {
    /** A task already running is left to finish: tasks here are short sends, not loops. */
    private static final boolean INTERRUPT_IF_RUNNING = false;

    private final ScheduledExecutorService executor;

    public ExecutorScheduler(ScheduledExecutorService executor) {
        if (executor == null) {
            throw new IllegalArgumentException("executor is required");
        }
        this.executor = executor;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(INTERRUPT_IF_RUNNING);
    }
}
