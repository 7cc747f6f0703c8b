package im.tandem.openfire.offline;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import im.tandem.ice.concurrent.DaemonThreads;

/**
 * The hand-off from Openfire's packet threads to the plugin: events are queued in memory and worked in
 * order on one thread of the plugin's own, so no database call ever runs on Openfire's packet path. One
 * thread keeps a message and a later "user came online" in order. When the queue is full the event is
 * dropped and counted, and the packet path is never blocked.
 */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    public static final String CAPACITY = "tandem.notify.intake.capacity";
    /** Ten thousand events: minutes of a busy server's offline traffic while the database is slow. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** On unload, queued events get this long to be written. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();

    public Intake(int capacity) {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                DaemonThreads.numbered("tandem-offline-intake"), (task, pool) -> {
                    long total = dropped.incrementAndGet();
                    LOG.warn("Offline intake {}: event dropped ({} so far)",
                            pool.isShutdown() ? "stopped" : "queue full", total);
                });
    }

    /** Queues the work; never blocks and never throws. */
    public void offer(String what, Work work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (Exception e) {
                LOG.warn("Offline intake could not handle {}: {}", what, e.toString());
            }
        });
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    public void stop() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Offline intake stopped with {} events unwritten", executor.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One queued piece of work. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }
}
