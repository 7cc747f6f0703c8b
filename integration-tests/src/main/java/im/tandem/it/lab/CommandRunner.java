package im.tandem.it.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands: short ones to completion with their output, long ones in the background. */
final class CommandRunner {

    private CommandRunner() {
    }

    /**
     * Runs a command to completion.
     *
     * @throws IllegalStateException when it does not finish within the timeout (it is killed first)
     */
    static ExecResult run(List<String> command, Duration timeout) {
        Process process = start(new ProcessBuilder(command).redirectErrorStream(true));
        OutputCollector collector = new OutputCollector(process.getInputStream());
        collector.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                collector.join();
                throw new IllegalStateException("Command did not finish within " + timeout + ": "
                        + String.join(" ", command) + "\n" + collector.text());
            }
            collector.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
        return new ExecResult(List.copyOf(command), process.exitValue(), collector.text());
    }

    /** Starts a command in the background, its output going to a file. */
    static SpawnedProcess spawn(List<String> command, Path outputFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new SpawnedProcess(List.copyOf(command), start(builder), outputFile);
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", builder.command()), e);
        }
    }

    /** Drains a process's output on its own thread so a chatty command never blocks on a full pipe. */
    private static final class OutputCollector extends Thread {
        private final InputStream input;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        OutputCollector(InputStream input) {
            super("nat-lab-output");
            setDaemon(true);
            this.input = input;
        }

        @Override
        public void run() {
            try (input) {
                input.transferTo(buffer);
            } catch (IOException e) {
                // The process was killed and its pipe closed: what was read so far is all there is.
            }
        }

        /** Safe while the thread still writes: the buffer's methods are synchronized. */
        String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
