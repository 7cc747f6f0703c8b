package im.tandem.it.lab;

import java.time.Instant;
import java.util.Optional;

/**
 * The process that made a lab, identified by pid and start time so that a reused pid is not mistaken for it.
 *
 * @param pid         process id
 * @param startMillis process start time in milliseconds since the epoch
 */
record LabOwner(long pid, long startMillis) {

    static LabOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new LabOwner(self.pid(), startMillis(self).orElseThrow(
                () -> new IllegalStateException("The JVM's own start time is unknown: the NAT lab cannot mark its "
                        + "namespaces")));
    }

    /**
     * Whether the owner still runs. An owner whose start time cannot be read counts as running: a sweep must never
     * remove a live lab.
     */
    boolean isRunning() {
        return ProcessHandle.of(pid)
                .map(handle -> startMillis(handle).map(start -> start == startMillis).orElse(true))
                .orElse(false);
    }

    private static Optional<Long> startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }
}
