package im.tandem.it.lab;

import java.util.List;

/**
 * How a finished command ended.
 *
 * @param command  the command line that ran
 * @param exitCode its exit status
 * @param output   its standard output and standard error, interleaved as written
 */
public record ExecResult(List<String> command, int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * This result, after checking that the command succeeded.
     *
     * @throws IllegalStateException with the command and its output when it did not
     */
    public ExecResult requireSuccess() {
        if (!succeeded()) {
            throw new IllegalStateException("Command failed with exit code " + exitCode + ": "
                    + String.join(" ", command) + "\n" + output);
        }
        return this;
    }
}
