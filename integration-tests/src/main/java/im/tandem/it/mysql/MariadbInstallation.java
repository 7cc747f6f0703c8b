package im.tandem.it.mysql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MariaDB programs the harness runs, where Debian's {@code mariadb-server} package puts them (the client comes
 * with it, from {@code mariadb-client}, which it depends on).
 *
 * @param installDb creates a new data directory with the system tables
 * @param server    the server itself
 * @param client    the command-line client, for the administrator's statements through the socket
 */
public record MariadbInstallation(Path installDb, Path server, Path client) {
    /** Debian's fixed locations, relative to the file system's root. */
    private static final String INSTALL_DB = "usr/bin/mariadb-install-db";
    private static final String SERVER = "usr/sbin/mariadbd";
    private static final String CLIENT = "usr/bin/mariadb";

    /**
     * The installed programs.
     *
     * @throws IllegalStateException naming the Debian package to install when any of them is missing
     */
    public static MariadbInstallation find() {
        return findUnder(Path.of("/"));
    }

    /** The programs under a directory laid out as Debian lays out the root file system. */
    static MariadbInstallation findUnder(Path root) {
        MariadbInstallation found = new MariadbInstallation(root.resolve(INSTALL_DB), root.resolve(SERVER),
                root.resolve(CLIENT));
        List<Path> missing = Stream.of(found.installDb, found.server, found.client)
                .filter(program -> !Files.isExecutable(program))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("MariaDB is not installed: no " + missing + ". Install the Debian "
                    + "package 'mariadb-server' (apt-get install mariadb-server)");
        }
        return found;
    }
}
