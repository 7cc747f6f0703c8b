package im.tandem.openfire.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import im.tandem.ice.concurrent.DaemonThreads;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;

/**
 * Polls the queue and hands due deliveries to a small pool of sender threads. A delivery is claimed only
 * when a sender is free, so no lease runs out while a delivery waits in memory; what a crash interrupts is
 * still in the database and is taken up again when its lease ends, on this server or another. While more is
 * due than the senders can take at once, the poller hands on each delivery as a sender comes free and looks
 * again at once, so a backlog drains as fast as the senders go; the poll interval only spaces out the looks
 * at a queue with nothing due.
 */
public final class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Old history and rate events are cleared this often. */
    private static final Duration HOUSEKEEPING = Duration.ofHours(1);
    /** On unload, senders get this long to finish what they are sending. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final DeliveryStore store;
    private final RateLimiter rateLimiter;
    private final DeliveryProcessor processor;
    private final Supplier<DeliveryConfig> config;
    private final Clock clock;
    private final int threads;
    /** Unique per start, so a claim token never repeats, not even after a restart. */
    private final String workerId = UUID.randomUUID().toString();
    private final AtomicLong claims = new AtomicLong();
    private final Semaphore freeSenders;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private Instant nextHousekeeping = Instant.MIN;

    public DeliveryWorker(DeliveryStore store, RateLimiter rateLimiter, DeliveryProcessor processor,
            Supplier<DeliveryConfig> config, Clock clock, int threads) {
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.processor = processor;
        this.config = config;
        this.clock = clock;
        this.threads = threads;
        this.freeSenders = new Semaphore(threads);
    }

    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("tandem-delivery-poll"));
        senders = Executors.newFixedThreadPool(threads, DaemonThreads.numbered("tandem-delivery-send"));
        schedule(Duration.ZERO);
    }

    public synchronized void stop() {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    private void schedule(Duration delay) {
        try {
            poller.schedule(this::pollAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void pollAndReschedule() {
        DeliveryConfig current = config.get();
        Duration next = current.pollInterval();
        try {
            if (current.enabled() && poll(current)) {
                next = Duration.ZERO;
            }
            housekeeping(current);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Polling the delivery queue failed; trying again in {} ms: {}", current.pollInterval().toMillis(),
                    e.toString());
        }
        schedule(next);
    }

    /**
     * Hands due deliveries to senders, claiming each once a sender is free for it (waiting up to a poll interval
     * for one). True when more may be due: the batch was full, or no sender came free in time.
     */
    private boolean poll(DeliveryConfig current) throws SQLException {
        if (!awaitFreeSender(current.pollInterval())) {
            return false;
        }
        // Held by this thread until a sender task takes it over; released below otherwise.
        boolean holding = true;
        try {
            List<String> due = store.dueIds(clock.instant(), current.batchSize());
            for (String id : due) {
                if (!holding) {
                    if (!awaitFreeSender(current.pollInterval())) {
                        return true;
                    }
                    holding = true;
                }
                Optional<Claim> claim = store.claim(id, workerId + "/" + claims.incrementAndGet(), clock.instant(),
                        current.lease());
                if (claim.isPresent()) {
                    if (!hand(claim.get())) {
                        return false;
                    }
                    holding = false;
                }
            }
            return due.size() == current.batchSize();
        } finally {
            if (holding) {
                freeSenders.release();
            }
        }
    }

    /** False when stopping: the wait was interrupted. */
    private boolean awaitFreeSender(Duration limit) {
        try {
            return freeSenders.tryAcquire(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the claim on a sender, which frees its place when done. False when the pool is stopping. */
    private boolean hand(Claim claim) {
        try {
            senders.execute(() -> {
                try {
                    processor.process(claim);
                } finally {
                    freeSenders.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void housekeeping(DeliveryConfig current) throws SQLException {
        Instant now = clock.instant();
        if (now.isBefore(nextHousekeeping)) {
            return;
        }
        nextHousekeeping = now.plus(HOUSEKEEPING);
        int deliveries = store.purgeFinishedBefore(now.minus(current.retention()));
        int events = rateLimiter.purgeBefore(now.minus(LimitConfig.DAY));
        if (deliveries + events > 0) {
            LOG.info("Cleared {} finished deliveries older than {} days and {} old rate events", deliveries,
                    current.retention().toDays(), events);
        }
    }
}
