package im.tandem.it.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer program in a lab namespace (a chat client, an ICE agent, a benchmark peer), driven line by line: lines go
 * to its standard input, and everything it prints is kept in order, so a test can wait for the next line it expects
 * or look back at all of them. Standard error goes to a log file, quoted when a wait fails.
 *
 * <p>A peer may have lines that report its own failure (an ICE agent's {@code ERROR …}): a wait that meets one
 * before the line it waits for fails at once instead of running into its timeout.
 */
public final class PeerProcess implements AutoCloseable {
    /** Peers that read their input to its end log out cleanly on their own within this; others are stopped. */
    private static final Duration INPUT_END_GRACE = Duration.ofSeconds(2);
    /** A JVM exits within milliseconds of SIGTERM; one that does not is stuck and gets killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path log;
    private final Writer input;
    private final Predicate<String> failure;
    /** Every line printed so far; guarded by itself, as is {@link #cursor}. */
    private final List<String> lines = new ArrayList<>();
    /** Where {@link #await} goes on: the lines before it have been passed. */
    private int cursor;

    private PeerProcess(String name, Process process, Path log, Predicate<String> failure) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.failure = failure;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} (from {@code NatLab.javaCommand} or {@code NatLab.inNamespace}). */
    public static PeerProcess start(String name, List<String> command, Path log) {
        return start(name, command, log, line -> false);
    }

    /**
     * Starts {@code command}, whose lines matching {@code failure} report that it failed.
     *
     * @param log where its standard error goes
     */
    public static PeerProcess start(String name, List<String> command, Path log, Predicate<String> failure) {
        try {
            return new PeerProcess(name, new ProcessBuilder(command).redirectError(log.toFile()).start(), log,
                    failure);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start peer " + name + ": " + String.join(" ", command), e);
        }
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                record(line);
            }
        } catch (IOException e) {
            record("(output lost: " + e + ")");
        }
    }

    private void record(String line) {
        synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
        }
    }

    public String name() {
        return name;
    }

    /**
     * Writes one line to the peer's input.
     *
     * @throws UncheckedIOException when the peer no longer reads, such as after it exited
     */
    public void send(String line) {
        try {
            input.write(line + "\n");
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to peer " + name + " (" + state() + "): " + line, e);
        }
    }

    /** The next line from the current position that starts with {@code prefix}; the position moves past it. */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        return await(line -> line.startsWith(prefix), "line starting with '" + prefix + "'", timeout);
    }

    /**
     * The next line from the current position that matches; the lines before it are passed, and the position
     * moves past it.
     *
     * @throws IllegalStateException with everything the peer printed and logged, when none comes in time or a
     *                               failure line comes first
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
                    if (failure.test(line)) {
                        throw failed("reported a failure while a " + description + " was awaited: " + line);
                    }
                }
                if (waitForMore(deadline)) {
                    throw failed("printed no " + description + " within " + timeout);
                }
            }
        }
    }

    /**
     * The first line ever printed that matches, whether before or after the current position, waiting for one if
     * there is none yet; the position does not move. For facts that may have been printed while the test was
     * waiting for something else, such as a contact coming online.
     *
     * @throws IllegalStateException with everything the peer printed and logged, when none comes in time
     */
    public String awaitPrinted(Predicate<String> wanted, String description, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                if (waitForMore(deadline)) {
                    throw failed("never printed a " + description + " within " + timeout);
                }
            }
        }
    }

    /**
     * Waits until this chat program has shown {@code contact} online, as {@link #awaitPrinted} does. The contact's
     * presence may reach the program before it lists its roster at login, and the listing then shows the contact
     * available with no "online" line after it; or after the listing, with an "online" line. Either one counts.
     */
    public void awaitContactOnline(String contact, Duration timeout) throws InterruptedException {
        String listed = "contact " + contact + " ";
        awaitPrinted(line -> line.equals("online " + contact)
                || line.startsWith(listed) && !line.startsWith(listed + "offline "), "sign of " + contact + " online",
                timeout);
    }

    /** Waits for a new line; true when the deadline has passed. The caller holds the lines' lock. */
    private boolean waitForMore(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return true;
        }
        TimeUnit.NANOSECONDS.timedWait(lines, left);
        return false;
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
     * @throws IllegalStateException with its output when it is still running after the timeout
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw failed("still runs after " + timeout);
        }
        return process.exitValue();
    }

    private IllegalStateException failed(String what) {
        return new IllegalStateException("peer " + name + " " + what + "; it printed:\n"
                + String.join("\n", linesStartingWith("")) + "\nits log:\n" + logText());
    }

    private String state() {
        return process.isAlive() ? "running" : "exited with " + process.exitValue();
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Ends the peer's input, so that a peer reading it to the end logs out cleanly; stops it with SIGTERM if it is
     * still running shortly after, and kills it if even that does not end it.
     */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // It has exited and closed its end already; the waits below settle it.
        }
        try {
            if (exitedWithin(INPUT_END_GRACE)) {
                return;
            }
            terminate();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops with SIGTERM at once a program that does not read its input (a driver, a bridge), and kills it if that
     * does not end it; {@link #close} would first wait in vain for it to end on its own.
     */
    public void stop() {
        try {
            terminate();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void terminate() throws InterruptedException {
        process.destroy();
        if (!exitedWithin(STOP_GRACE)) {
            process.destroyForcibly().waitFor();
        }
    }

    private boolean exitedWithin(Duration grace) throws InterruptedException {
        return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
