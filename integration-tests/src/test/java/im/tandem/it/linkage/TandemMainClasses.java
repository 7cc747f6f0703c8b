package im.tandem.it.linkage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The compiled main classes of every Tandem module, found on this test's own class path: each directory or jar
 * there that holds classes under {@code im/tandem/}. Module paths are never named, so a module that is split or
 * moved is still found. Test classes are left out ({@code target/test-classes} directories and
 * {@code -tests.jar} test-jars, which the class path also holds): the rules checked here are about the code that
 * ships.
 */
final class TandemMainClasses {
    /** Where every Tandem class lives, as an internal-name prefix. */
    static final String ROOT = "im/tandem/";

    private TandemMainClasses() {
    }

    /** The main classes of the Tandem modules on the class path. */
    static ClassIndex index() {
        return ClassIndex.of(locations());
    }

    /** The class-path entries that hold Tandem main classes, in class-path order. */
    static List<Path> locations() {
        List<Path> found = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .filter(entry -> !isTestOutput(entry) && holdsTandemClasses(entry))
                .toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no Tandem main classes on the class path "
                    + System.getProperty("java.class.path"));
        }
        return found;
    }

    private static boolean isTestOutput(Path entry) {
        String name = entry.getFileName().toString();
        return name.equals("test-classes") || name.endsWith("-tests.jar");
    }

    private static boolean holdsTandemClasses(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isDirectory(entry.resolve(ROOT));
        }
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.stream().anyMatch(file -> file.getName().startsWith(ROOT) && file.getName().endsWith(".class"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
    }
}
