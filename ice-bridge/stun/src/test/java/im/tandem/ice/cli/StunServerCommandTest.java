package im.tandem.ice.cli;

import im.tandem.ice.stun.ExternalProgram;
import im.tandem.ice.stun.LoopbackPorts;
import im.tandem.ice.stun.StunServerConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static im.tandem.ice.stun.ExternalProgram.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class StunServerCommandTest {
    /** Bounds a hang only; a healthy JVM starts and stops in about a second. */
    private static final long PROCESS_TIMEOUT_SECONDS = 30;
    /** What the JVM exits with after running its shutdown hooks on SIGTERM (128 + 15). */
    private static final int EXIT_ON_SIGTERM = 143;

    @Test
    void parsesPrimaryAndAlternateWithDefaultPorts() throws Exception {
        StunServerConfig config = StunServerCommand.parse(new String[] {"--primary", "127.0.0.1",
                "--alternate", "127.0.0.2"});
        StunServerConfig explicit = StunServerCommand.parse(new String[] {"--primary", "127.0.0.1:5000",
                "--alternate", "127.0.0.2:6000"});

        assertThat(config).hasToString("primary=127.0.0.1:3478 alternate=127.0.0.2:3479");
        assertThat(explicit).hasToString("primary=127.0.0.1:5000 alternate=127.0.0.2:6000");
        assertThat(StunServerCommand.parse(new String[] {"--primary", "127.0.0.1"}).hasAlternate()).isFalse();
    }

    @Test
    void configurationErrorsBecomeUsageErrorsNamingTheSetting() {
        assertThatThrownBy(() -> StunServerCommand.parse(new String[] {"--primary", "127.0.0.1",
                "--alternate", "127.0.0.1"})).isInstanceOf(ParameterException.class)
                .hasMessageContaining("alternateAddress must differ from primaryAddress");
        assertThatThrownBy(() -> StunServerCommand.parse(new String[] {"--primary", "0.0.0.0"}))
                .hasMessageContaining("primaryAddress must be a concrete unicast address");
        assertThatThrownBy(() -> StunServerCommand.parse(new String[0]))
                .hasMessage("Missing required option: '--primary IP[:PORT]'");
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = StunServerCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: tandem stun-server")
                .contains("--primary IP[:PORT]", "--alternate IP[:PORT]");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void repeatedAndUnknownOptionsAreRefusedByName() {
        assertThatThrownBy(() -> StunServerCommand.parse(new String[] {"--primary", "127.0.0.1",
                "--primary", "127.0.0.2"})).isInstanceOf(ParameterException.class)
                .hasMessage("option '--primary' (IP[:PORT]) should be specified only once");
        assertThatThrownBy(() -> StunServerCommand.parse(new String[] {"--primary", "127.0.0.1", "--secondary",
                "127.0.0.2"})).isInstanceOf(ParameterException.class).hasMessageContaining("'--secondary'");
    }

    @Test
    void runsAsAProcessUntilSigtermAndServesDiscoveryMeanwhile() throws Exception {
        int port = LoopbackPorts.freePortPair();
        Process process = new ProcessBuilder(javaCommand("--primary", "127.0.0.1:" + port, "--alternate", "127.0.0.2"))
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(process, lines), "stun-command-output");
        reader.start();
        try {
            String ready = awaitLine(lines, "ready");
            assertThat(ready).contains("primary=127.0.0.1:" + port, "alternate=127.0.0.2:" + (port + 1),
                    "sockets=127.0.0.1:" + port + ",127.0.0.1:" + (port + 1));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = NatCommand.run(new String[] {"--stun", "127.0.0.1:" + port, "--json"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"natType\":\"OPEN_INTERNET\"");

            // SIGTERM through the handle: Process.destroy() would also close our end of the output pipe.
            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(EXIT_ON_SIGTERM);
            assertThat(awaitLine(lines, "stopped")).matches("stopped requests=\\d+ answered=\\d+ malformed=0 rateLimited=0");
        } finally {
            process.destroyForcibly();
            reader.join(TimeUnit.SECONDS.toMillis(PROCESS_TIMEOUT_SECONDS));
        }
    }

    @Test
    void usageErrorExitsWithTwo() throws Exception {
        ExternalProgram.Completed result = ExternalProgram.run(javaCommand("--primary"),
                Duration.ofSeconds(PROCESS_TIMEOUT_SECONDS));

        assertThat(result.exitCode()).isEqualTo(StunServerCommand.EXIT_USAGE);
        assertThat(result.output()).contains("tandem stun-server: Missing required parameter for option '--primary'",
                "Usage: tandem stun-server");
    }

    /** Our compiled classes and picocli, the command line's one dependency, as the launcher runs it. */
    private static List<String> javaCommand(String... args) throws Exception {
        String classPath = locationOf(StunServerCommand.class) + File.pathSeparator + locationOf(CommandLine.class);
        List<String> command = command(Path.of(System.getProperty("java.home"), "bin", "java"), "-cp", classPath,
                StunServerCommand.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static Path locationOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        } catch (Exception e) {
            lines.add("reader failed: " + e);
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_SECONDS);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
        }
        return fail("no line starting with '" + prefix + "' from StunServerCommand; output was:\n" + seen);
    }
}
