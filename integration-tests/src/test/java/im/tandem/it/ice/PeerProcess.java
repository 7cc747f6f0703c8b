package im.tandem.it.ice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link IcePeer} process in a lab namespace: its output lines as a queue, its input for signalling. */
final class PeerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    PeerProcess(String name, List<String> command, Path log) throws IOException {
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

    void send(String line) throws IOException {
        input.write(line + "\n");
        input.flush();
    }

    /**
     * The next line starting with {@code prefix}; lines before it are skipped, except errors, which fail at once.
     */
    String await(String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("peer " + name + " printed no '" + prefix + "' line within " + timeout
                        + "; its log:\n" + logText());
            }
            if (line.startsWith("ERROR") || (line.startsWith("CHANNEL_FAILED") && !prefix.equals("CHANNEL_FAILED"))) {
                throw new AssertionError("peer " + name + ": " + line + "\n" + logText());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
