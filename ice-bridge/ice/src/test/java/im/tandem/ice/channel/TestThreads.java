package im.tandem.ice.channel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;

/**
 * Runs the other end of a test on its own thread. Not the common pool: on a two-core machine it has one thread, and
 * a blocked reader there would starve everything else.
 */
final class TestThreads {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "channel-test");
        thread.setDaemon(true);
        return thread;
    });

    private TestThreads() {
    }

    static <T> CompletableFuture<T> async(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        THREADS.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
