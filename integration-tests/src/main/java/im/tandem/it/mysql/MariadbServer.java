package im.tandem.it.mysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.database.ServerDirectory;
import im.tandem.it.net.LoopbackServers;

/**
 * A throwaway MariaDB server in its own temp directory, from Debian's {@code mariadb-server} package, standing in
 * for MySQL. It listens on 127.0.0.1 only, on a free port, plus a unix socket inside that directory. TCP clients
 * log in with a password as the one application user; the administrator account, which creates users and
 * databases, logs in only through the socket, whose directory no other user may enter, and only as the OS user
 * that started the server (MariaDB's unix_socket authentication). {@link #close()}, or the JVM's shutdown hook if
 * the caller never gets there, stops the server and deletes the directory.
 *
 * <p>Clients connect with the MySQL driver Openfire 4.2.0 ships (Connector/J 5.1, jdbc:mysql: URLs): it names
 * the server's product "MySQL", which is what makes Openfire take the database for MySQL and run the plugin's
 * MySQL scripts. MariaDB's own driver names it "MariaDB", which Openfire 4.2.0 does not recognise.
 */
public final class MariadbServer implements AutoCloseable {
    /** The user every database is granted to: Openfire creates its tables as it. */
    private static final String APPLICATION_USER = "openfire";
    /**
     * Lower-case, so that it means the same on every file system (a database is a directory of the data
     * directory), and within MariaDB's 64-character limit.
     */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /**
     * XMPP text is Unicode, including characters beyond the Basic Multilingual Plane that MariaDB's three-byte
     * utf8 cannot store; Debian's own configuration, which {@code --no-defaults} leaves out, sets the same.
     */
    private static final String CHARACTER_SET = "utf8mb4";
    /** A redo log of MariaDB's default size (96 MB) would be written in full for a few tables and rows. */
    private static final String REDO_LOG_SIZE = "4M";
    /** The default (128 MB) is far beyond what a few tables need, on a machine running other tests. */
    private static final String BUFFER_POOL_SIZE = "16M";
    /** A new data directory takes about a second; a minute means something is wrong. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(60);
    /** A new server accepts connections within seconds. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** An idle server shuts down within a second of SIGTERM; after this it is killed. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Duration SQL_LIMIT = Duration.ofSeconds(30);
    /** How often start-up looks whether the server accepts connections on its socket yet. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** Files in the server's directory. */
    private static final String DATA = "data";
    private static final String SOCKET = "server.sock";
    private static final String SERVER_LOG = "server.log";
    private static final String ADMINISTRATOR_SQL = "command.sql";

    private final MariadbInstallation installation;
    private final ServerDirectory directory;
    /** mariadbd runs as root only when told so by --user; mariadb-install-db names the administrator after it. */
    private final String osUser = System.getProperty("user.name");
    private final String password = LoopbackServers.randomPassword();
    private final int port = LoopbackServers.freePort();
    private volatile Process process;

    private MariadbServer(MariadbInstallation installation) {
        this.installation = installation;
        this.directory = ServerDirectory.create("tandem-mariadb-", this::stop);
    }

    /**
     * Creates a new data directory, starts the server on it and creates the {@value #APPLICATION_USER} user.
     *
     * @throws IllegalStateException naming the Debian package when MariaDB is missing, or with the server's log
     *                               when it does not start
     */
    public static MariadbServer start() {
        MariadbServer server = new MariadbServer(MariadbInstallation.find());
        try {
            server.directory.run(INIT_LIMIT, server.installCommand());
            server.process = server.directory.start(server.serverCommand(), SERVER_LOG);
            server.awaitConnections();
            server.administratorSql(List.of("CREATE USER " + server.applicationAccount() + " IDENTIFIED BY '"
                    + server.password + "'"));
            return server;
        } catch (IOException | RuntimeException e) {
            String log = server.directory.quote(SERVER_LOG);
            server.close();
            throw new IllegalStateException("MariaDB did not start: " + e.getMessage() + "\nserver log:\n" + log, e);
        }
    }

    /** Creates an empty database that the {@value #APPLICATION_USER} user may do anything in. */
    public ServerDatabase createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a database name is a lower-case letter followed by up to 63 "
                    + "lower-case letters, digits or '_', got '" + name + "'");
        }
        administratorSql(List.of("CREATE DATABASE " + name,
                "GRANT ALL PRIVILEGES ON " + name + ".* TO " + applicationAccount()));
        return new ServerDatabase("jdbc:mysql://" + LoopbackServers.address() + ":" + port + "/" + name, name,
                APPLICATION_USER, password);
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public void close() {
        directory.close();
    }

    private List<String> installCommand() {
        List<String> command = new ArrayList<>(List.of(installation.installDb().toString()));
        command.addAll(sharedOptions());
        command.addAll(List.of(
                // The administrator logs in through the socket as the OS user, never with a password.
                "--auth-root-authentication-method=socket",
                "--skip-test-db",
                // Accounts for addresses only, none for this machine's host name.
                "--skip-name-resolve"));
        return command;
    }

    private List<String> serverCommand() {
        List<String> command = new ArrayList<>(List.of(installation.server().toString()));
        command.addAll(sharedOptions());
        command.addAll(List.of(
                "--bind-address=" + LoopbackServers.address(),
                "--port=" + port,
                "--socket=" + socket(),
                // Clients are told apart by their address alone: no DNS lookups.
                "--skip-name-resolve",
                // The feedback plugin reports to mariadb.org when enabled; loose: a build without it still starts.
                "--loose-feedback=OFF",
                "--character-set-server=" + CHARACTER_SET,
                // Nothing of a throwaway server must survive a machine crash; commits skip the disk flush.
                "--innodb-flush-log-at-trx-commit=0"));
        return command;
    }

    /** What mariadb-install-db passes on to the server it bootstraps with, and the server must then match. */
    private List<String> sharedOptions() {
        return List.of(
                // Only as the first option: no option file (/etc/mysql, ~/.my.cnf) may change this server.
                "--no-defaults",
                "--datadir=" + directory.resolve(DATA),
                "--user=" + osUser,
                "--innodb-log-file-size=" + REDO_LOG_SIZE,
                "--innodb-buffer-pool-size=" + BUFFER_POOL_SIZE);
    }

    /** The socket exists once the server listens; it is ours alone, unlike a TCP port another process may take. */
    private void awaitConnections() throws IOException {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with code " + process.exitValue());
            }
            if (Files.exists(socket())) {
                try (SocketChannel connection = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
                    return;
                } catch (IOException notListeningYet) {
                    // The file appears just before the server listens on it.
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("mariadbd did not accept connections within "
                        + START_LIMIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for mariadbd", e);
            }
        }
    }

    /** Through a file in our directory, not the command line, which any local user could read in ps. */
    private synchronized void administratorSql(List<String> statements) {
        Path script = directory.resolve(ADMINISTRATOR_SQL);
        try {
            Files.writeString(script, String.join(";\n", statements) + ";\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        directory.run(SQL_LIMIT, List.of(installation.client().toString(), "--no-defaults", "--socket=" + socket(),
                "--user=" + osUser, "--batch", "--execute=source " + script));
    }

    /** SIGTERM is mariadbd's normal shutdown; a server that outlives the limit is killed with all it started. */
    private void stop() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            if (running.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
    }

    /** With --skip-name-resolve a TCP client from the loopback address is matched by that address. */
    private String applicationAccount() {
        return "'" + APPLICATION_USER + "'@'" + LoopbackServers.address() + "'";
    }

    private Path socket() {
        return directory.resolve(SOCKET);
    }
}
