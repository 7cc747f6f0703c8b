package im.tandem.client.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** A background executor that runs nothing until the test says so, then runs it on the test's thread. */
final class QueuedExecutor extends AbstractExecutorService {
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private volatile boolean shutdown;

    /** Runs what is queued, and what that queues, until nothing is left. */
    void runAll() {
        for (Runnable next; (next = queued.poll()) != null; ) {
            next.run();
        }
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        queued.add(command);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queued);
        queued.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queued.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
