package im.tandem.ice.channel.arq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that stands still until the test advances it, running every tick that falls due on the way, in time
 * order, on the test's thread, with the clock reading the tick's due time. Ticks run outside this clock's lock, so
 * a tick may take the stream's lock while another thread holding it reads the time.
 */
final class ManualClock implements ArqClock {

    /** Not zero, so code that mistakes a timestamp for a duration is not accidentally right. */
    private static final long ORIGIN_NANOS = Duration.ofHours(1).toNanos();

    private final List<ScheduledTick> ticks = new ArrayList<>();
    private volatile long nowNanos = ORIGIN_NANOS;

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public synchronized Ticker tickEvery(Duration period, Runnable task) {
        ScheduledTick tick = new ScheduledTick(period.toNanos(), task, nowNanos + period.toNanos());
        ticks.add(tick);
        return () -> {
            synchronized (this) {
                ticks.remove(tick);
            }
        };
    }

    /** Time since the clock was made. */
    Duration elapsed() {
        return Duration.ofNanos(nowNanos - ORIGIN_NANOS);
    }

    /** Moves time forward by the amount, running the ticks that fall due. */
    void advance(Duration amount) {
        advanceTo(nowNanos + amount.toNanos());
    }

    /** How many tickers are running: a released stream has stopped its own. */
    synchronized int runningTickers() {
        return ticks.size();
    }

    private void advanceTo(long targetNanos) {
        if (targetNanos < nowNanos) {
            throw new IllegalArgumentException("time runs forward only");
        }
        ScheduledTick due;
        while ((due = takeNextDue(targetNanos)) != null) {
            due.task.run();
        }
        nowNanos = targetNanos;
    }

    /** The earliest tick due by the target (the first registered among equals), with the clock set to its time. */
    private synchronized ScheduledTick takeNextDue(long targetNanos) {
        ScheduledTick earliest = null;
        for (ScheduledTick tick : ticks) {
            if (tick.dueNanos <= targetNanos && (earliest == null || tick.dueNanos < earliest.dueNanos)) {
                earliest = tick;
            }
        }
        if (earliest != null) {
            nowNanos = earliest.dueNanos;
            earliest.dueNanos += earliest.periodNanos; // fixed rate, like the system clock's timer
        }
        return earliest;
    }

    private static final class ScheduledTick {
        final long periodNanos;
        final Runnable task;
        long dueNanos;

        ScheduledTick(long periodNanos, Runnable task, long dueNanos) {
            this.periodNanos = periodNanos;
            this.task = task;
            this.dueNanos = dueNanos;
        }
    }
}
