package im.tandem.it.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.it.openfire.OpenfireProcess;

/**
 * Debian's Libervia (a standard XMPP client not written by us) logged in to the test server: its backend runs in
 * the foreground with every file it writes (configuration, SQLite database, log, the Perspective Broker socket its
 * command line talks through) under one directory, and its command line, {@code libervia-cli}, drives it.
 */
final class LiberviaPeer implements AutoCloseable {
    /** Debian's interpreter, where the libervia packages install; not whatever python3 is first on the PATH. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    private static final Path BACKEND_LAUNCHER = Path.of("/usr/share/libervia/launcher.py");
    private static final Path CLI = Path.of("/usr/bin/libervia-cli");
    /** Libervia's profile; one account per backend is all a test needs. */
    private static final String PROFILE = "peer";
    /** The resource Libervia binds, so that our client can address the full JID. */
    private static final String RESOURCE = "libervia";
    /** Loading its seventy-odd plugins takes Libervia 1-3 s here. */
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    /** A command-line call that is not a transfer answers in about a second. */
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);
    /** What "file receive -vv" prints once it listens for offers. */
    private static final String WAITING = "waiting for incoming file request";
    /** How often the bridge socket and the receiver's output are looked at. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path directory;
    private final Map<String, String> environment;
    private final Process backend;
    private final FullJid jid;

    private LiberviaPeer(Path directory, Map<String, String> environment, Process backend, FullJid jid) {
        this.directory = directory;
        this.environment = environment;
        this.backend = backend;
        this.jid = jid;
    }

    /** Starts a backend, creates a profile for {@code username} and connects it to {@code server}. */
    static LiberviaPeer start(Path directory, OpenfireProcess server, String username, String password)
            throws IOException, InterruptedException {
        assertThat(SYSTEM_PYTHON).as("Debian's python3 (apt-get install python3)").isExecutable();
        assertThat(BACKEND_LAUNCHER).as("Libervia's backend (apt-get install libervia-backend)").isRegularFile();
        assertThat(CLI).as("Libervia's command line (apt-get install libervia-cli)").isRegularFile();
        Path home = Files.createDirectories(directory.resolve("home"));
        Path local = Files.createDirectories(directory.resolve("local"));
        Files.writeString(home.resolve(".libervia.conf"), config(local, server));
        Map<String, String> environment = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                "XDG_CACHE_HOME", home.resolve(".cache").toString(),
                // Libervia's D-Bus ad-hoc plugin would join the user's session bus; it finds none and stands down.
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=" + directory.resolve("no-session-bus"));
        Path launcher = copyLauncher(directory);
        Process backend = command(environment, List.of(SYSTEM_PYTHON.toString(), launcher.toString(), "fg"))
                .redirectOutput(directory.resolve("backend.out").toFile()).start();
        FullJid jid = JidCreate.fullFrom(username + "@" + server.domain() + "/" + RESOURCE);
        LiberviaPeer peer = new LiberviaPeer(directory, environment, backend, jid);
        try {
            peer.awaitBridge(local.resolve("bridge_pb"));
            peer.cli("profile", "create", "-j", jid.toString(), "-x", password, PROFILE);
            // The harness's Openfire has a self-signed certificate; Libervia then makes TLS optional too.
            peer.cli("param", "set", "-p", PROFILE, "Connection", "check_certificate", "false");
            // Without an answer Libervia would ask its user whether to look up its address on a public web page.
            peer.cli("param", "set", "-p", PROFILE, "General", "allow_get_ip", "false");
            peer.cli("profile", "connect", "-p", PROFILE, "-c");
            return peer;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
    }

    FullJid jid() {
        return jid;
    }

    /** Sends {@code file} with Libervia's "file send", which returns once the peer has it. */
    String send(Path file, Jid to, Duration limit) throws IOException, InterruptedException {
        return run(limit, "file", "send", "-p", PROFILE, "-vv", file.toString(), to.toString());
    }

    /**
     * Starts Libervia's "file receive", which accepts one file from {@code from} into {@code into}, and returns
     * once it says it is waiting.
     */
    Receiving receive(Jid from, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Path output = directory.resolve("receive-" + System.nanoTime() + ".out");
        Process process = command(environment, cliArguments("file", "receive", "-p", PROFILE, "-vv", "--path",
                into.toString(), from.asBareJid().toString())).redirectOutput(output.toFile()).start();
        Receiving receiving = new Receiving(process, output);
        try {
            long deadline = System.nanoTime() + COMMAND_LIMIT.toNanos();
            while (!receiving.read().contains(WAITING)) {
                assertThat(process.isAlive() && System.nanoTime() < deadline)
                        .as("libervia-cli file receive waiting within %s; its output:\n%s", COMMAND_LIMIT,
                                receiving.read()).isTrue();
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException | RuntimeException | AssertionError e) {
            receiving.close();
            throw e;
        }
        return receiving;
    }

    /** The end of the backend's log, for a failure message. */
    String logTail() {
        Path log = directory.resolve("local/libervia.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        backend.descendants().forEach(ProcessHandle::destroy);
        backend.destroy();
        try {
            if (!backend.waitFor(10, TimeUnit.SECONDS)) {
                backend.destroyForcibly();
            }
        } catch (InterruptedException e) {
            backend.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitBridge(Path socket) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!Files.exists(socket)) {
            assertThat(backend.isAlive()).as("Libervia's backend exited early; its log:\n%s", logTail()).isTrue();
            assertThat(System.nanoTime() < deadline).as("Libervia's backend ready within %s; its log:\n%s",
                    START_LIMIT, logTail()).isTrue();
            Thread.sleep(POLL.toMillis());
        }
    }

    private void cli(String... arguments) throws IOException, InterruptedException {
        run(COMMAND_LIMIT, arguments);
    }

    private String run(Duration limit, String... arguments) throws IOException, InterruptedException {
        Path output = directory.resolve("cli-" + System.nanoTime() + ".out");
        Process process = command(environment, cliArguments(arguments)).redirectOutput(output.toFile()).start();
        boolean done = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        assertThat(done).as("libervia-cli %s within %s; its output:\n%s\nbackend log:\n%s", List.of(arguments),
                limit, text, logTail()).isTrue();
        assertThat(process.exitValue()).as("libervia-cli %s exit code; its output:\n%s\nbackend log:\n%s",
                List.of(arguments), text, logTail()).isZero();
        return text;
    }

    /**
     * Libervia's configuration, read from ~/.libervia.conf: the Perspective Broker bridge on a UNIX socket in
     * {@code local} (no D-Bus), and the server's domain mapped to the harness's loopback port.
     */
    private static String config(Path local, OpenfireProcess server) {
        return String.join("\n",
                "[DEFAULT]",
                "bridge = pb",
                "local_dir = " + local,
                "downloads_dir = " + local.resolve("downloads"),
                "hosts_dict = {\"" + server.domain() + "\": {\"host\": \"" + server.host() + "\", \"port\": "
                        + server.clientPort() + "}}",
                "");
    }

    private static List<String> cliArguments(String... arguments) {
        List<String> command = new ArrayList<>(List.of(SYSTEM_PYTHON.toString(), CLI.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static ProcessBuilder command(Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("PYTHONPATH");
        builder.environment().putAll(environment);
        return builder;
    }

    private static Path copyLauncher(Path directory) throws IOException {
        Path launcher = directory.resolve("backend.py");
        try (var in = LiberviaPeer.class.getResourceAsStream("/libervia/backend.py")) {
            if (in == null) {
                throw new IllegalStateException("test resource /libervia/backend.py is missing");
            }
            Files.copy(in, launcher);
        }
        return launcher;
    }

    /** A running "file receive"; closing it ends the command if it is still waiting. */
    record Receiving(Process process, Path output) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
        }

        /** Waits for the command to exit and returns its output; fails unless it exits with 0 in time. */
        String await(Duration limit) throws InterruptedException {
            boolean done = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String text = read();
            assertThat(done).as("libervia-cli file receive within %s; its output:\n%s", limit, text).isTrue();
            assertThat(process.exitValue()).as("libervia-cli file receive exit code; output:\n%s", text).isZero();
            return text;
        }

        private String read() {
            try {
                return Files.readString(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
