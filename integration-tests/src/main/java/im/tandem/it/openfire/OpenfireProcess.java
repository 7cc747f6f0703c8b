package im.tandem.it.openfire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import im.tandem.it.lab.LabTool;
import im.tandem.it.net.LoopbackServers;

/**
 * A real Openfire (4.2.0 from Maven Central or an installation, see {@link OpenfireDistribution}) running in a
 * forked JVM on a home directory, with our plugin installed. One server per JVM is all Openfire allows, hence the
 * fork. Start, stop, restart on the same home (data kept) and SIGKILL are what the tests need.
 */
public final class OpenfireProcess implements AutoCloseable {
    /** Boot plus the plugin's first load takes a few seconds; a minute means something is wrong. */
    public static final Duration START_LIMIT = Duration.ofSeconds(90);
    /** A clean stop is quick; after this the process is killed. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    /**
     * A command takes milliseconds. A timed-out command quotes the server's last output and threads: on Openfire
     * 5.1.1 in the NAT lab they showed every command answered and the command loop idle, the last line never read.
     */
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(120);
    /** A command unanswered this long is sent once more (see {@link #command}). */
    private static final Duration FIRST_ANSWER_LIMIT = Duration.ofSeconds(20);
    /** How much of the server's output an error about a missing answer quotes. */
    private static final int LAST_PRINTED_LINES = 12;

    private final OpenfireHome home;
    private final OpenfireSettings settings;
    private final Path pluginJar;
    private final int clientPort;
    private Process process;
    private Writer commands;
    private BlockingQueue<String> replies;

    private OpenfireProcess(OpenfireHome home, OpenfireSettings settings, Path pluginJar) {
        this.home = home;
        this.settings = settings;
        this.pluginJar = pluginJar;
        int remembered = home.rememberedClientPort();
        this.clientPort = settings.clientPort() != 0 ? settings.clientPort()
                : remembered != 0 ? remembered : LoopbackServers.freePort();
    }

    /** Lays out the home (keeping any data in it), installs the plugin jar and boots the server. */
    public static OpenfireProcess start(Path homeDirectory, OpenfireSettings settings, Path pluginJar) {
        OpenfireProcess server = new OpenfireProcess(new OpenfireHome(homeDirectory), settings, pluginJar);
        server.boot();
        return server;
    }

    /** Which Openfire this is. */
    public OpenfireDistribution distribution() {
        return settings.distribution();
    }

    public OpenfireHome home() {
        return home;
    }

    public String domain() {
        return settings.domain();
    }

    /** The address clients connect to: the one the listeners bind to. */
    public String host() {
        return settings.networkInterface();
    }

    public int clientPort() {
        return clientPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Creates a user, or sets the password of an existing one. */
    public void ensureUser(String username, String password) {
        command("user " + username + " " + password);
    }

    /** Makes two users each other's contacts, subscribed both ways, as if both had accepted. */
    public void befriend(String left, String right) {
        command("befriend " + left + " " + right);
    }

    /** Sets an Openfire system property on the running server. */
    public void setProperty(String key, String value) {
        command("property " + key + " " + value);
    }

    /** Removes an Openfire system property on the running server, so that its default applies again. */
    public void deleteProperty(String key) {
        command("unset " + key);
    }

    /** Stops the server cleanly, as an admin's shutdown does. */
    public void stop() {
        if (!isRunning()) {
            return;
        }
        try {
            commands.write("stop\n");
            commands.flush();
        } catch (IOException e) {
            // The process is going away on its own; the wait below settles it.
        }
        awaitExit(STOP_LIMIT);
    }

    /** Kills the server with SIGKILL: no shutdown hook, no flushing, as a crash or an OOM killer would. */
    public void kill() {
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_LIMIT);
    }

    /** Starts the server again on the same home and port; users and stored messages are still there. */
    public void restart() {
        stop();
        boot();
    }

    /** Boots again after {@link #kill()} or {@link #stop()}. */
    public void startAgain() {
        if (isRunning()) {
            throw new IllegalStateException("Openfire is still running (pid " + process.pid() + ")");
        }
        boot();
    }

    @Override
    public void close() {
        stop();
        if (isRunning()) {
            kill();
        }
    }

    private void boot() {
        home.layOut(settings, clientPort, pluginJar);
        List<String> command = new ArrayList<>();
        settings.networkNamespace().ifPresent(namespace ->
                command.addAll(List.of(LabTool.IP.path(), "netns", "exec", namespace)));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // proxool's bundled cglib reflects into java.lang.
        command.add("--add-opens");
        command.add("java.base/java.lang=ALL-UNNAMED");
        command.add("-Xmx512m");
        // Pauses show in the home's logs, should a command or a client wait for the server.
        command.add("-Xlog:gc:file=" + home.root().resolve("logs/gc.log"));
        command.add("-DopenfireHome=" + home.root());
        command.addAll(settings.distribution().startupOptions(home));
        // Scan plugins/ every few seconds, so that installing or removing a jar takes effect quickly.
        command.add("-DdevelopmentMode=true");
        command.add("-cp");
        command.add(HarnessPaths.forkedClasspath(settings.distribution()));
        command.add(OpenfireMain.class.getName());
        command.add(home.root().toString());
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(home.root().resolve("logs/stderr.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start java for Openfire", e);
        }
        commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        replies = new LinkedBlockingQueue<>();
        Thread reader = new Thread(this::readOutput, "openfire-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = awaitReply(START_LIMIT, "boot");
        if (!first.startsWith(OpenfireMain.READY)) {
            process.destroyForcibly();
            throw new IllegalStateException("Openfire did not start: " + first + "; see " + home.logFile()
                    + " and " + home.root().resolve("logs/stderr.log"));
        }
    }

    private void readOutput() {
        Path log = home.root().resolve("logs/stdout.log");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintStream copy = new PrintStream(Files.newOutputStream(log,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true,
                     StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                copy.println(line);
                // Openfire 5 logs to standard output too; an answer must be found even after a stray fragment.
                int answer = line.indexOf(OpenfireMain.ANSWER_PREFIX);
                if (answer >= 0) {
                    replies.add(line.substring(answer));
                }
            }
        } catch (IOException e) {
            replies.add(OpenfireMain.FAILED + " output lost: " + e);
        }
        replies.add(OpenfireMain.FAILED + " the Openfire process ended");
    }

    private void command(String line) {
        if (!isRunning()) {
            throw new IllegalStateException("Openfire is not running; cannot '" + line + "'");
        }
        send(line);
        String reply = pollReply(FIRST_ANSWER_LIMIT);
        if (reply == null) {
            // On 5.1.1 a command line now and then never reaches the server's command loop, which sits idle
            // waiting for input (cause not found). Every command is idempotent, so it is sent once more.
            send(line);
            reply = awaitReply(COMMAND_LIMIT, line);
        }
        if (!reply.equals(OpenfireMain.OK)) {
            throw new IllegalStateException("Openfire refused '" + line + "': " + reply);
        }
    }

    private void send(String line) {
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Openfire stopped listening for commands", e);
        }
    }

    /** The next answer, or null when none came within the limit. */
    private String pollReply(Duration limit) {
        try {
            return replies.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Openfire", e);
        }
    }

    private String awaitReply(Duration limit, String what) {
        try {
            String reply = replies.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new IllegalStateException("Openfire gave no answer to '" + what + "' within "
                        + limit.toSeconds() + " s; see " + home.logFile() + ". It last printed:\n"
                        + lastPrinted() + "\n" + dumpThreads());
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Openfire", e);
        }
    }

    /** The last lines of the server's standard output, where its answers go. */
    private String lastPrinted() {
        try {
            List<String> lines = Files.readAllLines(home.root().resolve("logs/stdout.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LAST_PRINTED_LINES), lines.size()));
        } catch (IOException e) {
            return "(its output cannot be read: " + e.getMessage() + ")";
        }
    }

    /**
     * What the server's threads were doing, written next to its log: the main thread's stack (which runs the
     * commands) for the error message, and where the whole dump is, or why there is none. The log may go with a
     * temporary directory; the message stays in the test report.
     */
    private String dumpThreads() {
        if (!isRunning()) {
            return "No thread dump: the server has ended.";
        }
        Path dump = home.root().resolve("logs/threads-" + System.currentTimeMillis() + ".txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!jcmd.waitFor(COMMAND_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                jcmd.destroyForcibly();
                return "No thread dump: jcmd did not finish.";
            }
            String mainThread = Arrays.stream(Files.readString(dump).split("\n\n"))
                    .filter(section -> section.startsWith("\"main\"")).findFirst().orElse("(no main thread)");
            return "All threads: " + dump + "; the main thread, which runs the commands:\n" + mainThread;
        } catch (IOException e) {
            return "No thread dump: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "No thread dump: interrupted.";
        }
    }

    private void awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
