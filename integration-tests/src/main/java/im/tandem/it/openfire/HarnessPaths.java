package im.tandem.it.openfire;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the build put what the harness needs. Maven's surefire configuration and the `tandem` launcher
 * pass these as system properties; a missing one is a build problem, said plainly.
 */
public final class HarnessPaths {
    static final String PLUGIN_JAR = "tandem.plugin.jar";
    static final String OPENFIRE_CLASSPATH = "tandem.openfire.classpath";
    static final String HARNESS_CLASSES = "tandem.harness.classes";
    /** Written by the build beside the file named by {@value #OPENFIRE_CLASSPATH} (see integration-tests/pom.xml). */
    static final String SHARED_CLASSPATH_FILE = "openfire-shared.classpath";

    private HarnessPaths() {
    }

    public static Path pluginJar() {
        return Path.of(required(PLUGIN_JAR));
    }

    /** The server's libraries plus the harness's classes, nothing of the plugin's. */
    static String forkedClasspath(OpenfireDistribution openfire) {
        List<String> entries = new ArrayList<>();
        openfire.libraries().forEach(library -> entries.add(library.toString()));
        entries.add(required(HARNESS_CLASSES));
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Openfire 4.2.0's libraries as the build resolved them from Maven Central. The build lists them in two files:
     * those the harness uses itself as well are in {@value #SHARED_CLASSPATH_FILE}, next to the main list.
     */
    static List<Path> openfireLibraries() {
        Path classpathFile = Path.of(required(OPENFIRE_CLASSPATH));
        List<Path> libraries = new ArrayList<>();
        for (Path listing : List.of(classpathFile, classpathFile.resolveSibling(SHARED_CLASSPATH_FILE))) {
            for (String entry : read(listing).split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    libraries.add(Path.of(entry));
                }
            }
        }
        return libraries;
    }

    private static String read(Path classpathFile) {
        try {
            return Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile
                    + ": build the project with 'mvn -q install -DskipTests' first", e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run through Maven or the tandem launcher, which set it");
        }
        return value;
    }
}
