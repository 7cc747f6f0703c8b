package im.tandem.client.file;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool a connection's transfers do their blocking work on (moving bytes, connecting, gathering): at most a set
 * number of threads, so that contacts' offers cannot make the client start threads without end; work beyond waits
 * in line for a thread. Threads come and go with the transfers.
 */
final class TransferThreads {
    /** An idle thread is let go after a minute, as a cached pool would: a chat is idle most of the time. */
    static final Duration IDLE_TIME = Duration.ofMinutes(1);

    private TransferThreads() {
    }

    /** A pool of at most {@code threads} threads made by {@code factory}. */
    static ThreadPoolExecutor pool(int threads, ThreadFactory factory) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_TIME.toMillis(),
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Changes the most threads {@code pool} uses; work already running goes on. */
    static void resize(ThreadPoolExecutor pool, int threads) {
        // The core size may never exceed the maximum, so the order depends on the direction of the change.
        if (threads > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(threads);
            pool.setCorePoolSize(threads);
        } else {
            pool.setCorePoolSize(threads);
            pool.setMaximumPoolSize(threads);
        }
    }
}
