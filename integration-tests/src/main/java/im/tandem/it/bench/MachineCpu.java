package im.tandem.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's busy CPU time so far, all cores together, as Linux counts it in the first line of
 * {@code /proc/stat}: user, nice, system, interrupts; not idle, waiting for I/O, or stolen by the hypervisor for other
 * machines. Taken around a stretch in which one pair of a benchmark exchanges messages and everything else waits, it
 * is what that pair's round trips cost all the processes they pass through (browsers, server, benchmark) together: on
 * a machine whose cores those processes keep busy, each round trip waits for that work, and the figure moves less
 * between runs than the round trip itself.
 */
final class MachineCpu {
    /**
     * Positions in the {@code cpu} line after its label (user nice system idle iowait irq softirq steal guest
     * guest_nice) of the states counted; guest time is in user and nice already.
     */
    private static final int[] BUSY = {0, 1, 2, 5, 6};

    private MachineCpu() {
    }

    static long busyNanos() {
        String line;
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            line = lines.findFirst().orElseThrow(() -> new IllegalStateException("/proc/stat is empty"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the machine's CPU time from /proc/stat", e);
        }
        String[] fields = line.trim().split("\\s+");
        long busyTicks = 0;
        for (int state : BUSY) {
            busyTicks += Long.parseLong(fields[state + 1]);
        }
        return busyTicks * ProcessCpu.NANOS_PER_TICK;
    }
}
