package im.tandem.client.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Real time: {@link System#nanoTime()}, and tasks run by a scheduled executor. */
public final class ExecutorScheduler implements Scheduler {
    private final ScheduledExecutorService timer;

    public ExecutorScheduler(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
