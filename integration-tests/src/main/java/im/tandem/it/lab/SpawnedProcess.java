package im.tandem.it.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A long-running command started by the lab; the lab stops it at close if nobody did before. */
public final class SpawnedProcess {

    /** Time a process gets to exit after SIGTERM before it is killed: servers here shut down in milliseconds. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final List<String> command;
    private final Process process;
    private final Path outputFile;

    SpawnedProcess(List<String> command, Process process, Path outputFile) {
        this.command = command;
        this.process = process;
        this.outputFile = outputFile;
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote to standard output and standard error so far. */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the output of " + String.join(" ", command), e);
        }
    }

    /** Stops the process and its children: SIGTERM, then SIGKILL after a grace period. */
    public void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
