package im.tandem.it.sint.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.ConcreteTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.SuccessfulTest;
import org.igniterealtime.smack.inttest.TestNotPossible;

/**
 * The results file, read by {@code im.tandem.it.sint.SintResults} in the integration-tests module (which
 * cannot share this class: it runs on Smack 4.4.8). UTF-8, one record a line, fields separated by tabs:
 *
 * <pre>
 * status            COMPLETED|ABORTED|TIMED_OUT   detail        (always the first line)
 * pass              TEST
 * fail              TEST                          reason
 * not-possible      TEST                          reason
 * impossible-class  CLASS                         reason
 * </pre>
 *
 * TEST is the test class's full name, a dot and the method name, followed by the connection type in
 * parentheses for SINT's low-level tests, e.g. {@code org.jivesoftware.smack.LoginIntegrationTest.testInvalidLogin (tcp)}.
 * The file appears whole or not at all: it is written beside its place and moved there.
 */
final class ResultsFile {
    /** Long enough for an exception's class and message; stack traces belong in the runner's log. */
    private static final int MAX_REASON_LENGTH = 400;

    private final Path path;
    private boolean written;

    ResultsFile(Path path) {
        this.path = path;
    }

    /** Writes the file unless it was written already (the watchdog and the main thread may race). */
    synchronized void writeOnce(RunStatus status, String detail, TestRunResult result) {
        if (written) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", "status", status.name(), oneLine(detail)));
        if (result != null) {
            for (SuccessfulTest test : new ArrayList<>(result.getSuccessfulTests())) {
                lines.add("pass\t" + id(test.concreteTest));
            }
            for (FailedTest test : new ArrayList<>(result.getFailedTests())) {
                lines.add("fail\t" + id(test.concreteTest) + "\t" + oneLine(String.valueOf(test.failureReason)));
            }
            for (TestNotPossible test : new ArrayList<>(result.getNotPossibleTests())) {
                lines.add("not-possible\t" + id(test.concreteTest) + "\t"
                        + oneLine(test.testNotPossibleException.getMessage()));
            }
            for (Map.Entry<Class<?>, Throwable> entry : Map.<Class<?>, Throwable>copyOf(result.getImpossibleTestClasses()).entrySet()) {
                lines.add("impossible-class\t" + entry.getKey().getName() + "\t" + oneLine(String.valueOf(entry.getValue())));
            }
        }
        try {
            Path partial = path.resolveSibling(path.getFileName() + ".partial");
            Files.write(partial, lines, StandardCharsets.UTF_8);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SINT results to " + path, e);
        }
        written = true;
    }

    private static String id(ConcreteTest test) {
        Method method = test.getMethod();
        String id = method.getDeclaringClass().getName() + "." + method.getName();
        return test.getSubdescriptons().isEmpty() ? id : id + " (" + String.join(", ", test.getSubdescriptons()) + ")";
    }

    private static String oneLine(String text) {
        String flat = String.valueOf(text).replaceAll("[\\t\\r\\n]+", " ").trim();
        return flat.length() <= MAX_REASON_LENGTH ? flat : flat.substring(0, MAX_REASON_LENGTH) + "...";
    }
}
