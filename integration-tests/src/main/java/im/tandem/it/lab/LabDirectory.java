package im.tandem.it.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A lab's temporary directory (server state, logs, nftables scripts), named after the lab's prefix so that a sweep
 * can find the directory of a lab whose JVM was killed.
 */
final class LabDirectory {

    private LabDirectory() {
    }

    static Path create(String labPrefix) {
        try {
            return Files.createTempDirectory(namePrefix(labPrefix));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the NAT lab's directory", e);
        }
    }

    /** Deletes the directories of the lab with this prefix. */
    static void deleteAll(String labPrefix) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        String start = namePrefix(labPrefix);
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path directory : entries.filter(path -> path.getFileName().toString().startsWith(start)).toList()) {
                delete(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + temp + " for stale NAT lab directories", e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the NAT lab directory " + directory, e);
        }
    }

    private static String namePrefix(String labPrefix) {
        return "natlab-" + labPrefix + "-";
    }
}
