package im.tandem.ice.vnet;

import im.tandem.ice.net.Scheduler;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A manual clock and the one event queue of a simulated network: timers and datagrams in flight alike are events,
 * run in time order (ties in the order they were scheduled) on the caller's thread, and time moves only when the
 * test moves it. No threads and no sleeps, so a run is deterministic and a two-second timeout costs nothing.
 * Not thread-safe: everything happens on the test's thread.
 */
public final class VirtualClock implements Scheduler {
    /**
     * Events one {@link #runUntil} may run before it gives up: far more than any test here needs, few enough to
     * stop a runaway loop (say, two endpoints echoing each other forever) in well under a second.
     */
    static final int MAX_EVENTS_PER_RUN = 100_000;

    private final PriorityQueue<Event> queue =
            new PriorityQueue<>(Comparator.comparingLong(Event::dueNanos).thenComparingLong(Event::sequence));
    private long nowNanos;
    private long nextSequence;

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    /** Time since the clock was made. */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, got " + delay);
        }
        Event event = new Event(nowNanos + delay.toNanos(), nextSequence++, task);
        queue.add(event);
        return () -> queue.remove(event);
    }

    /** Runs everything due within {@code duration}, then sets the clock to exactly that much later. */
    public void advance(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive, got " + duration);
        }
        long until = nowNanos + duration.toNanos();
        int budget = MAX_EVENTS_PER_RUN;
        while (!queue.isEmpty() && queue.peek().dueNanos() <= until) {
            runNext(--budget);
        }
        nowNanos = until;
    }

    /**
     * Runs events until {@code done} holds, leaving the clock at the event that made it so.
     *
     * @throws IllegalStateException if the queue runs dry, or the next event is more than {@code limit} away from
     *                               where the clock started, before {@code done} holds
     */
    public void runUntil(BooleanSupplier done, Duration limit) {
        long deadline = nowNanos + limit.toNanos();
        int budget = MAX_EVENTS_PER_RUN;
        while (!done.getAsBoolean()) {
            if (queue.isEmpty()) {
                throw new IllegalStateException("nothing left to happen at " + elapsed() + ", and not done");
            }
            if (queue.peek().dueNanos() > deadline) {
                throw new IllegalStateException("not done within " + limit);
            }
            runNext(--budget);
        }
    }

    /** Events still waiting: timers not yet due or cancelled, datagrams in flight. */
    public int pending() {
        return queue.size();
    }

    private void runNext(int budgetLeft) {
        if (budgetLeft < 0) {
            throw new IllegalStateException("more than " + MAX_EVENTS_PER_RUN + " events in one run: a loop?");
        }
        Event event = queue.poll();
        nowNanos = event.dueNanos();
        event.task().run();
    }

    private record Event(long dueNanos, long sequence, Runnable task) {
    }
}
