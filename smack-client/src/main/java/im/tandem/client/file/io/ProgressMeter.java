package im.tandem.client.file.io;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Counts a transfer's bytes and reports progress: at most once per interval while bytes flow, and once more at the
 * end. Speed is the average since the meter started, which stays steady where a momentary rate would jitter.
 */
public final class ProgressMeter {
    /** Four updates a second: a smooth bar without flooding a line-mode reader. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private final long total;
    private final long intervalNanos;
    private final Consumer<TransferProgress> sink;
    private final LongSupplier clock;
    private final long started;
    private long done;
    private long lastReport;

    /**
     * @param clock nanoseconds, {@code System::nanoTime} outside tests
     */
    public ProgressMeter(long total, Duration interval, Consumer<TransferProgress> sink, LongSupplier clock) {
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.sink = sink;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastReport = started;
    }

    public static ProgressMeter every(Duration interval, long total, Consumer<TransferProgress> sink) {
        return new ProgressMeter(total, interval, sink, System::nanoTime);
    }

    public void add(long bytes) {
        done += bytes;
        long now = clock.getAsLong();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            sink.accept(progress(now));
        }
    }

    /** The final report. */
    public void finish() {
        sink.accept(progress(clock.getAsLong()));
    }

    public long done() {
        return done;
    }

    private TransferProgress progress(long now) {
        long elapsed = Math.max(1, now - started);
        long speed = (long) (done * 1e9 / elapsed);
        return new TransferProgress(done, Math.max(total, done), speed);
    }
}
