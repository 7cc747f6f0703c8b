package im.tandem.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's CPU time so far, split into time in its own code (user) and in the kernel on its behalf (system
 * calls, the network stack), as Linux counts it in {@code /proc/self/stat}: where a datagram protocol spends its CPU
 * shows in the split. Resolution: one clock tick (10 ms at Linux's usual 100 ticks a second).
 */
record ProcessCpu(long userNanos, long kernelNanos) {

    /** The unit of those counts, USER_HZ: 100 a second on x86 and ARM Linux ({@code getconf CLK_TCK}). */
    private static final long TICKS_PER_SECOND = 100;
    static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    /** Fields 14 and 15 of the stat line (utime, stime), counted from the state field that follows the name. */
    private static final int USER_FIELD = 11;
    private static final int KERNEL_FIELD = 12;

    static ProcessCpu now() {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/self/stat"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this process's CPU time from /proc/self/stat", e);
        }
        // The name in parentheses may itself hold spaces and parentheses: the fields start after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new ProcessCpu(Long.parseLong(fields[USER_FIELD]) * NANOS_PER_TICK,
                Long.parseLong(fields[KERNEL_FIELD]) * NANOS_PER_TICK);
    }

    ProcessCpu since(ProcessCpu start) {
        return new ProcessCpu(userNanos - start.userNanos, kernelNanos - start.kernelNanos);
    }

    /** As the peers print it: user nanoseconds, a space, kernel nanoseconds. */
    @Override
    public String toString() {
        return userNanos + " " + kernelNanos;
    }

    /** Reads what {@link #toString} printed, from {@code fields[first]} and the field after it. */
    static ProcessCpu parse(String[] fields, int first) {
        return new ProcessCpu(Long.parseLong(fields[first]), Long.parseLong(fields[first + 1]));
    }
}
