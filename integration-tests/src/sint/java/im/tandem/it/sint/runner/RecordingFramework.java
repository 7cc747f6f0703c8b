package im.tandem.it.sint.runner;

import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;

/**
 * SINT's framework with its results readable while it runs: {@link #run()} hands them back only when it
 * finishes normally, and we also want them after an abort or a time-out.
 */
final class RecordingFramework extends SmackIntegrationTestFramework {
    RecordingFramework(Configuration configuration) {
        super(configuration);
    }

    /** The outcomes recorded so far, or null before the run has started. */
    TestRunResult resultSoFar() {
        return testRunResult;
    }

    /** Which test is running now, for a time-out message. */
    String whereItIs() {
        ConcreteTest current = getTestUnderExecution();
        return current == null ? "outside any test (setting up or cleaning up)" : "while running " + current;
    }
}
