package im.tandem.it.ice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer process in a lab namespace (such as an {@link IcePeer}): its output lines as a queue, its input for
 * signalling and commands.
 */
public final class PeerProcess implements AutoCloseable {

    /** A peer exits within milliseconds of SIGTERM; one that does not is stuck and gets killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path log;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** Starts {@code command} (from {@code NatLab.javaCommand}); its standard error goes to {@code log}. */
    public PeerProcess(String name, List<String> command, Path log) throws IOException {
        this.name = name;
        this.log = log;
        this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("ERROR reading peer output: " + e);
        }
    }

    public void send(String line) throws IOException {
        input.write(line + "\n");
        input.flush();
    }

    /**
     * The next line starting with {@code prefix}; lines before it are skipped, except errors, which fail at once
     * unless an error is what is awaited.
     *
     * @throws IllegalStateException with the peer's log when no such line comes within the timeout or the peer
     *                               reports an error first
     */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("peer " + name + " printed no '" + prefix + "' line within " + timeout
                        + "; its log:\n" + logText());
            }
            if ((line.startsWith("ERROR") && !prefix.equals("ERROR"))
                    || (line.startsWith("CHANNEL_FAILED") && !prefix.equals("CHANNEL_FAILED"))) {
                throw new IllegalStateException("peer " + name + ": " + line + "\n" + logText());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Copies this peer's description (up to END) to the other peer, as the XMPP server would carry it. */
    public void relayDescriptionTo(PeerProcess to, Duration timeout) throws InterruptedException, IOException {
        String line;
        do {
            line = await("", timeout);
            to.send(line);
        } while (!line.equals(SignalLine.END));
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the peer: SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
