package im.tandem.it.sint;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the build put the SINT runner and where SINT runs write their files. The runner is built apart
 * from this module, by the integration-tests build's "sint-runner" step from src/sint/pom.xml, because it
 * needs Smack 4.5 and this module has Smack 4.4.8; surefire passes both locations as system properties.
 */
public final class SintBuild {
    static final String RUNNER_DIRECTORY = "tandem.sint.runner";
    static final String REPORTS_DIRECTORY = "tandem.sint.reports";
    private static final String CLASSPATH_FILE = "sint.classpath";
    private static final String CLASSES = "classes";
    private static final Pattern SINT_JAR = Pattern.compile("smack-integration-test-([^/\\\\]+)\\.jar$");

    private SintBuild() {
    }

    /** The runner's classes and SINT's runtime classpath, nothing of this module's Smack 4.4.8. */
    static String runnerClasspath() {
        Path runner = Path.of(required(RUNNER_DIRECTORY));
        Path classpathFile = runner.resolve(CLASSPATH_FILE);
        Path classes = runner.resolve(CLASSES);
        if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(classes)) {
            throw new IllegalStateException("the SINT runner is not built: " + classpathFile + " or " + classes
                    + " is missing; run the tests through Maven (mvn -pl integration-tests test), whose"
                    + " sint-runner step builds it from integration-tests/src/sint/pom.xml");
        }
        try {
            return classes + File.pathSeparator + Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile, e);
        }
    }

    /** The version of smack-integration-test on the runner's classpath, for reports. */
    public static String sintVersion() {
        return Arrays.stream(runnerClasspath().split(File.pathSeparator))
                .map(SINT_JAR::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("smack-integration-test is not on the runner's classpath"));
    }

    /** The directory for reports, the module's build directory. */
    public static Path reportsDirectory() {
        return Path.of(required(REPORTS_DIRECTORY));
    }

    /** An empty directory for one run's server home, runner log and results, emptied if a past run left it. */
    public static Path freshRunDirectory(String name) {
        Path directory = reportsDirectory().resolve("sint-runs").resolve(name);
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run the tests through Maven, whose surefire configuration sets it");
        }
        return value;
    }
}
