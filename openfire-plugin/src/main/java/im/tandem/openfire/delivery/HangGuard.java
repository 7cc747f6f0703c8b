package im.tandem.openfire.delivery;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import im.tandem.ice.concurrent.DaemonThreads;

/**
 * Runs a send that has no timeout of its own on a thread of its own, and stops waiting for it after a limit.
 * Openfire's EmailService opens its SMTP connections without connect or read timeouts, so an SMTP server
 * that accepts the connection and then never answers would hold a worker thread, and with it every channel's
 * queue, forever. Past the limit the delivery is retried like any failure; the abandoned send may still
 * finish later, which at worst delivers a copy under the same id. At most {@code maxHanging} sends run at
 * once, so a server that hangs every connection cannot pile up threads either. Idle threads end after a
 * minute, so an unloaded plugin leaves none behind but those still stuck in a send.
 */
public final class HangGuard {
    private final ThreadPoolExecutor threads;
    private final int maxHanging;
    /**
     * One permit per send that has not returned. Counting sends, not the pool's threads, matters: a thread whose
     * send just finished is not idle yet for a moment, and a pool bounded at {@code maxHanging} threads would then
     * refuse the next send although none hangs.
     */
    private final Semaphore running;

    public HangGuard(String name, int maxHanging) {
        this.maxHanging = maxHanging;
        this.running = new Semaphore(maxHanging);
        threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
                DaemonThreads.numbered(name));
    }

    private static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    /** The send's result, or a retry when it did not finish within {@code limit} or too many still hang. */
    public SendResult run(String what, Duration limit, Callable<SendResult> send) {
        if (!running.tryAcquire()) {
            return SendResult.tryAgain(what + " was not started: all " + maxHanging + " allowed at once are still running");
        }
        Future<SendResult> started = threads.submit(() -> {
            try {
                return send.call();
            } finally {
                running.release();
            }
        });
        try {
            return started.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupting does not end a blocked socket read, but it ends the send if it waits anywhere else.
            started.cancel(true);
            return SendResult.tryAgain(what + " did not finish within " + describe(limit));
        } catch (ExecutionException e) {
            return SendResult.tryAgain(what + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.tryAgain(what + " was interrupted");
        }
    }
}
