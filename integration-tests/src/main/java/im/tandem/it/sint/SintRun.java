package im.tandem.it.sint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import im.tandem.it.openfire.OpenfireProcess;

/**
 * One run of the Smack Integration Test Framework against a running harnessed Openfire, in a JVM of its
 * own on the SINT runner's classpath (Smack 4.5; this JVM has Smack 4.4.8). The runner writes its results
 * file however the run ends, including at its own time limit; this class only has to kill it when even that
 * failed.
 */
public final class SintRun {
    /**
     * The runner's own limit for one run. A full run takes about a minute on two cores, most of it the reply
     * timeouts of the tests Openfire 4.2.0 fails; a test that hangs waits at most this long, then the run reports
     * what it has.
     */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(300);
    /** Past the runner's limit, time for it to write its file and stop before it is killed. */
    private static final Duration KILL_MARGIN = Duration.ofSeconds(30);
    /** SINT plus a dozen connections fit easily; a bound keeps two forked JVMs civil on a CI machine. */
    private static final String MAX_HEAP = "-Xmx384m";
    private static final String RUNNER_MAIN = "im.tandem.it.sint.runner.SintRunner";
    private static final String RESULTS_FILE = "results.tsv";
    private static final String LOG_FILE = "runner.log";

    private SintRun() {
    }

    /** Runs SINT with these options; its log and results go into the (empty) run directory. */
    public static SintResults execute(OpenfireProcess server, SintOptions options, Path runDirectory) {
        Path results = runDirectory.resolve(RESULTS_FILE);
        Path log = runDirectory.resolve(LOG_FILE);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(MAX_HEAP);
        // SINT also reads settings from a file in ~/.config; a home of its own keeps a developer's out.
        command.add("-Duser.home=" + runDirectory);
        options.systemProperties(server.domain(), server.host())
                .forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(SintBuild.runnerClasspath());
        command.add(RUNNER_MAIN);
        command.add(results.toString());
        command.add(Integer.toString(server.clientPort()));
        command.add(Long.toString(RUN_LIMIT.toSeconds()));
        Process runner;
        try {
            Files.deleteIfExists(results);
            runner = new ProcessBuilder(command)
                    .directory(runDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SINT runner", e);
        }
        awaitExit(runner, log);
        if (runner.exitValue() != 0) {
            throw new IllegalStateException("the SINT runner failed with exit status " + runner.exitValue()
                    + "; see " + log);
        }
        return SintResults.read(results);
    }

    private static void awaitExit(Process runner, Path log) {
        Duration limit = RUN_LIMIT.plus(KILL_MARGIN);
        try {
            if (!runner.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                runner.destroyForcibly().waitFor();
                throw new IllegalStateException("the SINT runner neither finished nor gave up within "
                        + limit.toSeconds() + " s and was killed; see " + log);
            }
        } catch (InterruptedException e) {
            runner.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while SINT was running", e);
        }
    }
}
