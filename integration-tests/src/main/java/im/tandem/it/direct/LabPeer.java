package im.tandem.it.direct;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer program running in a lab namespace, driven line by line: what it prints is kept in order, and a test
 * waits for the line it expects. Standard error goes to a log file, quoted when a wait fails.
 */
public final class LabPeer implements AutoCloseable {
    /** A peer that ignores the end of its input for this long is stuck and gets killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;
    private final PrintWriter input;
    /** Every line printed so far; guarded by itself. */
    private final List<String> lines = new ArrayList<>();
    private int cursor;

    /** Starts {@code command} (from {@code NatLab.javaCommand}). */
    public LabPeer(String name, List<String> command, Path log) {
        this.name = name;
        this.log = log;
        try {
            this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start peer " + name, e);
        }
        this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "lab-peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("(output lost: " + e + ")");
                lines.notifyAll();
            }
        }
    }

    public String name() {
        return name;
    }

    /** Types one line into the peer. */
    public void type(String line) {
        input.println(line);
    }

    /** The next line from the current position that starts with {@code prefix}; lines before it are passed. */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        return await(line -> line.startsWith(prefix), "a line starting with '" + prefix + "'", timeout);
    }

    /**
     * The next line from the current position that matches; the position moves past it.
     *
     * @throws AssertionError with everything the peer printed and logged, when none comes in time
     */
    public String await(Predicate<String> wanted, String description, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                while (cursor < lines.size()) {
                    String line = lines.get(cursor++);
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("peer " + name + " printed no " + description + " within " + timeout
                            + "; it printed:\n" + String.join("\n", lines) + "\nits log:\n" + logText());
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** Every line printed so far that starts with {@code prefix}, in order, wherever the position is. */
    public List<String> linesStartingWith(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.startsWith(prefix)).toList();
        }
    }

    /**
     * Waits for the peer to exit by itself.
     *
     * @return its exit status
     * @throws AssertionError with its output when it is still running after the timeout
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("peer " + name + " still runs after " + timeout + "; it printed:\n"
                    + String.join("\n", linesStartingWith("")) + "\nits log:\n" + logText());
        }
        return process.exitValue();
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Ends the peer's input so it logs out; kills it if it does not exit soon. */
    @Override
    public void close() {
        input.close();
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
