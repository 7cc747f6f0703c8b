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

import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.threads.NamedThreads;

/**
 * Polls the queue and hands due deliveries to a small pool of sender threads. A delivery is claimed only
 * when a sender is free, so no lease runs out while a delivery waits in memory; what a crash interrupts is
 * still in the database and is taken up again when its lease ends, on this server or another.
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
        poller = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("tandem-delivery-poll"));
        senders = Executors.newFixedThreadPool(threads, NamedThreads.daemon("tandem-delivery-send"));
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
        try {
            if (current.enabled()) {
                poll(current);
            }
            housekeeping(current);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Polling the delivery queue failed; trying again in {} ms: {}", current.pollInterval().toMillis(),
                    e.toString());
        }
        schedule(current.pollInterval());
    }

    private void poll(DeliveryConfig current) throws SQLException {
        if (freeSenders.availablePermits() == 0) {
            return;
        }
        List<String> due = store.dueIds(clock.instant(), Math.min(current.batchSize(), freeSenders.availablePermits()));
        for (String id : due) {
            if (!freeSenders.tryAcquire()) {
                return;
            }
            Optional<Claim> claim = store.claim(id, workerId + "/" + claims.incrementAndGet(), clock.instant(),
                    current.lease());
            if (claim.isEmpty()) {
                freeSenders.release();
                continue;
            }
            try {
                senders.execute(() -> {
                    try {
                        processor.process(claim.get());
                    } finally {
                        freeSenders.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                freeSenders.release();
                return;
            }
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
