package im.tandem.client.file.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    private final AtomicLong clock = new AtomicLong();
    private final List<TransferProgress> reports = new ArrayList<>();

    @Test
    void reportsAtMostOncePerIntervalThenOnceAtTheEnd() {
        ProgressMeter meter = new ProgressMeter(1000, Duration.ofMillis(250), reports::add, clock::get);

        meter.add(100); // 0 ms
        clock.set(Duration.ofMillis(100).toNanos());
        meter.add(100);
        clock.set(Duration.ofMillis(250).toNanos());
        meter.add(300);
        clock.set(Duration.ofMillis(400).toNanos());
        meter.add(500);
        clock.set(Duration.ofMillis(1000).toNanos());
        meter.finish();

        assertThat(reports).containsExactly(
                new TransferProgress(500, 1000, 2000),
                new TransferProgress(1000, 1000, 1000));
        assertThat(reports.get(0).percent()).isEqualTo(50);
    }

    @Test
    void anEmptyFileIsCompleteAtOnce() {
        ProgressMeter meter = new ProgressMeter(0, Duration.ofMillis(250), reports::add, clock::get);

        meter.finish();

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).percent()).isEqualTo(100);
    }
}
