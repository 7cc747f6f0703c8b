package im.tandem.it.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PostgreSQL server programs of Debian's {@code postgresql} package. Debian installs each major version
 * under /usr/lib/postgresql/VERSION/bin and keeps them off the PATH; the newest installed version is used.
 */
public record PostgresInstallation(int majorVersion, Path binDirectory) {
    /** Debian's fixed location for every installed major version. */
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    /** The programs the harness runs; a version missing any of them is incomplete and not used. */
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "psql");

    /**
     * Finds the newest complete installation.
     *
     * @throws IllegalStateException naming the Debian package to install when there is none
     */
    public static PostgresInstallation find() {
        return findUnder(DEBIAN_ROOT);
    }

    /** The newest complete installation under a directory laid out as Debian lays out /usr/lib/postgresql. */
    static PostgresInstallation findUnder(Path root) {
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<PostgresInstallation> newest = versions
                        .filter(directory -> directory.getFileName().toString().matches("\\d+"))
                        .map(directory -> new PostgresInstallation(
                                Integer.parseInt(directory.getFileName().toString()), directory.resolve("bin")))
                        .filter(PostgresInstallation::complete)
                        .max(Comparator.comparingInt(PostgresInstallation::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: no " + root + "/<version>/bin with "
                + PROGRAMS + ". Install the Debian package 'postgresql' (apt-get install postgresql)");
    }

    public Path program(String name) {
        return binDirectory.resolve(name);
    }

    private boolean complete() {
        return PROGRAMS.stream().allMatch(name -> Files.isExecutable(program(name)));
    }
}
