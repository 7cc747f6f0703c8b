package im.tandem.client.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import im.tandem.ice.net.Scheduler;

/** A clock that moves only when told, running the tasks that fall due on the test's thread. */
public final class ManualScheduler implements Scheduler {
    private record Task(long due, Runnable action) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now + delay.toNanos(), task);
        tasks.add(scheduled);
        return () -> tasks.remove(scheduled);
    }

    /** Moves the clock forward, running each task as its time comes, earliest first. */
    public void advance(Duration duration) {
        long target = now + duration.toNanos();
        while (true) {
            Task next = tasks.stream().filter(task -> task.due() <= target)
                    .min(Comparator.comparingLong(Task::due)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due());
            next.action().run();
        }
        now = target;
    }
}
