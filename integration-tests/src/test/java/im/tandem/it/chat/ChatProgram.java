package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import im.tandem.it.openfire.OpenfireProcess;

/** `./tandem chat` run as a separate program in line mode, driven through its standard input and output. */
public final class ChatProgram implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final PrintWriter input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private ChatProgram(Process process) {
        this.process = process;
        this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
            }
        }, "chat-program-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChatProgram start(OpenfireProcess server, String user, String password, Path workDirectory,
                             String... options) throws IOException {
        List<String> command = new ArrayList<>(commandLine(server, user, password, workDirectory));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment(workDirectory));
        return new ChatProgram(builder.start());
    }

    /** `./tandem chat` for the user on the server, logging into {@code workDirectory}, as a command line. */
    static List<String> commandLine(OpenfireProcess server, String user, String password, Path workDirectory)
            throws IOException {
        Path passwordFile = workDirectory.resolve(user + ".password");
        Files.writeString(passwordFile, password + "\n");
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "im.tandem.client.app.ChatCommand",
                user + "@" + server.domain(), "--password-file", passwordFile.toString(),
                "--server", server.host() + ":" + server.clientPort(),
                "--log", workDirectory.resolve(user + ".log").toString());
    }

    /** The history goes where the test can read it, never into the home directory of whoever runs the tests. */
    static Map<String, String> environment(Path workDirectory) {
        return Map.of("XDG_DATA_HOME", workDirectory.resolve("data").toString());
    }

    public void type(String line) {
        input.println(line);
    }

    /** Waits for the next output line that starts with {@code prefix}, passing over others. */
    public String await(String prefix) throws InterruptedException {
        return awaitLine(line -> line.startsWith(prefix), "starting with '" + prefix + "'");
    }

    /**
     * Returns once the program has printed exactly {@code expected}, before this call or after it: for events whose
     * order among each other the server does not fix (a contact's presence and its request, say).
     */
    public String awaitSeen(String expected) throws InterruptedException {
        return transcript.contains(expected) ? expected : awaitLine(expected::equals, "'" + expected + "'");
    }

    private String awaitLine(java.util.function.Predicate<String> wanted, String description)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                transcript.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line " + description + " within " + WAIT + "; so far: " + transcript);
    }

    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the chat program exits").isTrue();
        return process.exitValue();
    }

    /** Quits as a user would, so that the server sees the session end; kills the program if it does not exit. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            type("/quit");
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
