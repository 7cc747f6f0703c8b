package im.tandem.it.sint.runner;

import java.nio.file.Path;
import java.time.Duration;

import org.igniterealtime.smack.inttest.Configuration;
import org.jivesoftware.smackx.iqregister.AccountManager;

/**
 * Runs the Smack Integration Test Framework once, configured by its usual {@code sinttest.*} system
 * properties, and writes every test's outcome to a results file (see {@link ResultsFile}). The file is
 * written however the run ends: normally, when SINT aborts on an exception it treats as fatal, or when the
 * time limit passes (a hung test), so that partial results are never lost.
 *
 * <p>Usage: {@code SintRunner RESULTS_FILE XMPP_PORT TIME_LIMIT_SECONDS}; the host is {@code sinttest.host}.
 * Exits 0 once the file is written.
 */
public final class SintRunner {
    /** Exit status when the results file could not be written: the caller has nothing to read. */
    private static final int NO_RESULTS = 3;
    private static final int USAGE = 2;

    private SintRunner() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !args[1].matches("[1-9][0-9]{0,4}") || !args[2].matches("[1-9][0-9]{0,5}")) {
            System.err.println("usage: SintRunner RESULTS_FILE XMPP_PORT TIME_LIMIT_SECONDS");
            System.exit(USAGE);
        }
        ResultsFile results = new ResultsFile(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        Duration limit = Duration.ofSeconds(Long.parseLong(args[2]));
        try {
            run(results, port, limit);
            // SINT leaves non-daemon threads behind (connection pools, schedulers); the outcome is on disk.
            System.exit(0);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(NO_RESULTS);
        }
    }

    private static void run(ResultsFile results, int port, Duration limit) {
        RecordingFramework framework;
        try {
            TcpOnPort.install(port);
            // SINT allows in-band registration without TLS only after it has created the connection that
            // registers its accounts, too late for that connection; the server is on loopback.
            AccountManager.sensitiveOperationOverInsecureConnectionDefault(true);
            framework = new RecordingFramework(Configuration.newConfiguration(new String[0]));
        } catch (Exception e) {
            results.writeOnce(RunStatus.ABORTED, "SINT could not be set up: " + e, null);
            return;
        }
        RunMonitor monitor = new RunMonitor(framework, results, limit);
        monitor.start();
        try {
            framework.run();
            results.writeOnce(RunStatus.COMPLETED, "all selected tests ran", framework.resultSoFar());
        } catch (Throwable e) {
            e.printStackTrace();
            // An exception after the last test, in SINT's clean-up, takes no outcome away.
            RunStatus status = monitor.allSelectedTestsRan() ? RunStatus.COMPLETED : RunStatus.ABORTED;
            results.writeOnce(status, "SINT stopped on " + e, framework.resultSoFar());
        }
    }
}
