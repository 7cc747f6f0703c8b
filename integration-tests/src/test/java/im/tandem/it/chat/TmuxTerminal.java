package im.tandem.it.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program running in a real terminal: a pane of its own tmux server (Debian's {@code tmux}), typed into with
 * send-keys and read back with capture-pane, as a user at a terminal would type and see.
 */
public final class TmuxTerminal implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);

    /** A socket name of this test run's own, so that no tmux server of the user's is touched. */
    private final String socket = "tandem-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final Map<String, String> environment;

    private TmuxTerminal(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Starts {@code command} in a detached pane of {@code columns} × {@code rows}, with these variables set. */
    public static TmuxTerminal start(List<String> command, int columns, int rows, Map<String, String> environment)
            throws IOException, InterruptedException {
        TmuxTerminal terminal = new TmuxTerminal(environment);
        List<String> arguments = new ArrayList<>(List.of("new-session", "-d", "-s", "chat",
                "-x", Integer.toString(columns), "-y", Integer.toString(rows)));
        arguments.addAll(command);
        terminal.tmux(arguments);
        return terminal;
    }

    /** Types text literally (no key names), without Enter. */
    public void type(String text) throws IOException, InterruptedException {
        tmux(List.of("send-keys", "-t", "chat", "-l", text));
    }

    /** Presses keys by tmux's names: {@code Enter}, {@code Tab}, {@code C-u}. */
    public void press(String... keys) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", "chat"));
        arguments.addAll(List.of(keys));
        tmux(arguments);
    }

    /** What the pane shows now, line by line, without trailing blanks. */
    public String screen() throws IOException, InterruptedException {
        return tmux(List.of("capture-pane", "-p", "-t", "chat"));
    }

    /** Waits until the screen satisfies {@code wanted}; fails with the screen as last seen. */
    public String awaitScreen(Predicate<String> wanted, String description) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        String shown = screen();
        while (!wanted.test(shown)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the terminal did not show " + description + " within " + WAIT
                        + "; it shows:\n" + shown);
            }
            Thread.sleep(100);
            shown = screen();
        }
        return shown;
    }

    /** The pane's last non-blank line: where the prompt and what is being typed are. */
    public static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        tmux(List.of("kill-server"));
    }

    private String tmux(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tmux " + arguments + " did not finish within " + COMMAND_LIMIT);
        }
        if (process.exitValue() != 0 && !arguments.get(0).equals("kill-server")) {
            throw new IOException("tmux " + arguments + " failed (" + process.exitValue() + "): " + output);
        }
        return output.stripTrailing();
    }
}
