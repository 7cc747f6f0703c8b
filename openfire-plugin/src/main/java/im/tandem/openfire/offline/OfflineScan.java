package im.tandem.openfire.offline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;

import im.tandem.ice.concurrent.DaemonThreads;

/**
 * Takes what Openfire stored offline into the queue, reading the offline store itself: at start (what a
 * crash or a stop left untaken), when Openfire reports a stored message, and every few minutes (what a
 * full intake queue dropped, or another server's report missed). Scans run on the intake thread, so they
 * stay ordered with "user came online" events; requests made while one is waiting merge into it.
 */
public final class OfflineScan {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineScan.class);
    public static final String RESCAN = "tandem.notify.intake.rescan-seconds";
    /**
     * Five minutes: the scan after a report normally finds every message within a second; the periodic one
     * only repairs what was missed, so it may be rare, and it also forgets handed-over messages.
     */
    public static final Duration DEFAULT_RESCAN = Duration.ofMinutes(5);
    /**
     * Two hundred milliseconds: long enough for a burst to gather into one scan, and nothing against a
     * hold-off of a minute.
     */
    public static final Duration DEFAULT_GATHER = Duration.ofMillis(200);
    /** Rows read per query: bounded memory even after a long outage with a large offline store. */
    private static final int BATCH = 200;

    private final OfflineBacklog backlog;
    private final TriggerRule rule;
    private final DigestIntake digests;
    private final Intake intake;
    private final Clock clock;
    private final Duration gather;
    private final AtomicBoolean requested = new AtomicBoolean();
    /** Stored messages that did not parse as a message (taken, never relayed) since start, for the log. */
    private final AtomicLong unreadable = new AtomicLong();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("tandem-offline-rescan"));

    /** @param gather how long a request waits for more before the scan starts; zero: none */
    public OfflineScan(OfflineBacklog backlog, TriggerRule rule, DigestIntake digests, Intake intake, Clock clock,
            Duration gather) {
        this.backlog = backlog;
        this.rule = rule;
        this.digests = digests;
        this.intake = intake;
        this.clock = clock;
        this.gather = gather;
    }

    /** Scans now, then every {@code period}. */
    public void start(Duration period) {
        request();
        timer.scheduleWithFixedDelay(() -> intake.offer("forgetting handed-over offline messages", () -> {
            backlog.forgetGone();
            request();
        }), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks for a scan; never blocks. One request waiting stands for any number of callers, and it waits the
     * gathering time first, so that a burst of stored messages is taken by one scan rather than one each.
     */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            if (gather.isZero()) {
                offerScan();
            } else {
                timer.schedule(this::offerScan, gather.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void offerScan() {
        intake.offer("a scan of the offline store", () -> {
            // Cleared before reading, so that a message stored during the scan asks for the next one.
            requested.set(false);
            scan();
        });
    }

    public void stop() {
        timer.shutdownNow();
    }

    private void scan() throws SQLException {
        boolean more = true;
        while (more) {
            List<OfflineRow> rows = backlog.untaken(BATCH, clock.instant());
            List<DigestIntake.Taken> batch = rows.stream().map(row -> new DigestIntake.Taken(row, relayable(row)))
                    .toList();
            int failed = 0;
            try {
                digests.takeAll(batch);
            } catch (SQLException batchFailed) {
                // One bad row must not hold up the others: take them one by one, each in its own transaction.
                for (DigestIntake.Taken taken : batch) {
                    try {
                        digests.takeAll(List.of(taken));
                    } catch (SQLException e) {
                        // Stays untaken and is tried again by the next scan.
                        failed++;
                        LOG.warn("Could not take offline message {} of {}: {}", taken.row().messageId(),
                                taken.row().username(), e.toString());
                    }
                }
            }
            // A full batch with failures would read the same rows again: leave them to the next scan.
            more = rows.size() == BATCH && failed == 0;
        }
    }

    private Optional<StoredMessage> relayable(OfflineRow row) {
        try {
            return rule.accept(new Message(DocumentHelper.parseText(row.stanza()).getRootElement()), row.storedAt());
        } catch (DocumentException | RuntimeException e) {
            // The JID parsing inside Message throws IllegalArgumentException on a bad address.
            long total = unreadable.incrementAndGet();
            LOG.warn("Offline message {} of {} is not a readable message ({} so far): {}", row.messageId(),
                    row.username(), total, e.toString());
            return Optional.empty();
        }
    }
}
