package im.tandem.it.sint.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;

/**
 * Watches a SINT run from a thread of its own and ends the JVM, results written, as soon as either
 * <ul>
 * <li>every selected test has an outcome: what SINT does after that is deleting its accounts and closing its
 *     connections, and Openfire 4.2.0 never answers a client's closing stream tag, so each of the dozen or so
 *     connections waits a full reply timeout. The server is thrown away after the run, so that wait buys
 *     nothing; or</li>
 * <li>the time limit passes, usually because one test waits for something that never comes.</li>
 * </ul>
 * SINT announces how many tests it selected only in a log message ("Available tests: N"), which is where
 * this reads it. Should that message ever change, runs simply end the slow way, through SINT's clean-up.
 */
final class RunMonitor {
    /** Often enough to add no noticeable time to a run, rarely enough to cost nothing. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** The exit status after a halt; the results file, not the status, says what happened. */
    private static final int HALTED = 0;
    private static final Pattern AVAILABLE_TESTS = Pattern.compile("Available tests: (\\d+)");

    /** Held here because java.util.logging keeps loggers only weakly, and with them our handler. */
    private final Logger frameworkLogger = Logger.getLogger(SmackIntegrationTestFramework.class.getName());
    private final RecordingFramework framework;
    private final ResultsFile results;
    private final Duration limit;
    private volatile int selectedTests = -1;

    RunMonitor(RecordingFramework framework, ResultsFile results, Duration limit) {
        this.framework = framework;
        this.results = results;
        this.limit = limit;
    }

    void start() {
        frameworkLogger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                Matcher matcher = AVAILABLE_TESTS.matcher(String.valueOf(record.getMessage()));
                if (matcher.find()) {
                    selectedTests = Integer.parseInt(matcher.group(1));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        Thread thread = new Thread(this::watch, "sint-run-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        Instant deadline = Instant.now().plus(limit);
        try {
            while (Instant.now().isBefore(deadline)) {
                Thread.sleep(POLL_INTERVAL.toMillis());
                if (allSelectedTestsRan()) {
                    finish(RunStatus.COMPLETED, "all " + selectedTests
                            + " selected tests ran; SINT's account clean-up skipped, the server is thrown away");
                }
            }
            finish(RunStatus.TIMED_OUT, "the time limit of " + limit.toSeconds() + " s passed "
                    + framework.whereItIs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once SINT has said how many tests it selected and each of them has an outcome. */
    boolean allSelectedTestsRan() {
        TestRunResult soFar = framework.resultSoFar();
        return selectedTests >= 0 && soFar != null && soFar.getNumberOfAvailableTests() >= selectedTests;
    }

    private void finish(RunStatus status, String detail) {
        try {
            results.writeOnce(status, detail, framework.resultSoFar());
        } finally {
            // halt, not exit: a hung test may hold locks that shutdown hooks would wait for.
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
