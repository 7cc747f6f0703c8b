package im.tandem.it.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import im.tandem.it.database.ServerDatabase;
import im.tandem.it.database.ServerDirectory;
import im.tandem.it.net.LoopbackServers;

/**
 * A throwaway PostgreSQL cluster in its own temp directory, from Debian's {@code postgresql} package. It listens
 * on 127.0.0.1 only, on a free port, plus a unix socket inside that directory. TCP clients log in with a password
 * as the one application role; the superuser is reachable only through the socket, whose directory no other user
 * may enter. {@link #close()}, or the JVM's shutdown hook if the caller never gets there, stops the server and
 * deletes the directory.
 *
 * <p>PostgreSQL refuses to run as root, so a root caller (CI) runs every server program as the {@value
 * #SERVICE_USER} user the package creates; anyone else runs them as themselves.
 */
public final class PostgresServer implements AutoCloseable {
    /** The OS user Debian's package creates; the server runs as it when the caller is root. */
    private static final String SERVICE_USER = "postgres";
    /** The cluster's superuser, used only for creating roles and databases through the socket. */
    private static final String SUPERUSER = "postgres";
    /** The role every database belongs to: Openfire creates its tables as their owner. */
    private static final String APPLICATION_ROLE = "openfire";
    /** The database {@link #start()} creates for Openfire. */
    private static final String DEFAULT_DATABASE = "openfire";
    /** Lower-case, so that PostgreSQL's case folding never changes it, and short of its 63-byte limit. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** A new cluster initialises in a few seconds; a minute means something is wrong. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(60);
    /** Start-up is quick on a new cluster; pg_ctl waits for connections to be accepted. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** A fast stop ends every session at once; after this the postmaster is killed. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Duration SQL_LIMIT = Duration.ofSeconds(30);
    /**
     * The driver Openfire 4.2.0 ships (pgjdbc 42.1.4) predates SCRAM, PostgreSQL's default since version 14, and
     * fails with "authentication type 10 is not supported"; MD5 is the strongest method it speaks.
     */
    private static final String PASSWORD_METHOD = "md5";
    /** How the default log line format introduces an error, after the time stamp and process id. */
    private static final String ERROR_MARK = " ERROR:  ";
    /** The server's log, in the server's directory. */
    private static final String SERVER_LOG = "server.log";

    private final PostgresInstallation installation;
    private final ServerDirectory directory;
    private final Path root;
    private final boolean asServiceUser;
    private final String password = LoopbackServers.randomPassword();
    private final int port = LoopbackServers.freePort();

    private PostgresServer(PostgresInstallation installation, boolean asServiceUser) {
        this.installation = installation;
        this.asServiceUser = asServiceUser;
        this.directory = ServerDirectory.create("tandem-postgres-", this::stop);
        this.root = directory.path();
    }

    /**
     * Initialises and starts a new cluster, creates the {@value #APPLICATION_ROLE} role and the {@value
     * #DEFAULT_DATABASE} database.
     *
     * @throws IllegalStateException naming the Debian package when PostgreSQL is missing, or with the server's
     *                               log when it does not start
     */
    public static PostgresServer start() {
        PostgresInstallation installation = PostgresInstallation.find();
        PostgresServer server = new PostgresServer(installation, runningAsRoot());
        try {
            server.handOverDirectory();
            server.initialise();
            server.run(START_LIMIT, server.program("pg_ctl"), "--pgdata=" + server.dataDirectory(),
                    "--log=" + server.serverLog(), "--wait", "--timeout=" + START_LIMIT.toSeconds(), "start");
            server.superuserSql("CREATE ROLE " + APPLICATION_ROLE + " LOGIN PASSWORD '" + server.password + "'");
            server.createDatabase(DEFAULT_DATABASE);
            return server;
        } catch (RuntimeException e) {
            String log = server.directory.quote(SERVER_LOG);
            server.close();
            throw new IllegalStateException("PostgreSQL " + installation.majorVersion() + " did not start: "
                    + e.getMessage() + "\nserver log:\n" + log, e);
        }
    }

    /** The database created at start, owned by the {@value #APPLICATION_ROLE} role. */
    public ServerDatabase database() {
        return describe(DEFAULT_DATABASE);
    }

    /** Creates another empty database owned by the {@value #APPLICATION_ROLE} role. */
    public ServerDatabase createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a database name is a lower-case letter followed by up to 62 "
                    + "lower-case letters, digits or '_', got '" + name + "'");
        }
        superuserSql("CREATE DATABASE " + name + " OWNER " + APPLICATION_ROLE + " ENCODING 'UTF8'");
        return describe(name);
    }

    /**
     * The message of every ERROR the server has logged so far, oldest first: each statement that failed, whoever
     * sent it. The cluster is initialised with the C locale, so the messages are PostgreSQL's English ones.
     */
    public List<String> loggedErrors() {
        try (Stream<String> lines = Files.lines(serverLog(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(ERROR_MARK))
                    .map(line -> line.substring(line.indexOf(ERROR_MARK) + ERROR_MARK.length()).trim())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + serverLog(), e);
        }
    }

    /** Stops the server at once (open sessions are ended) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        directory.close();
    }

    /** The server's user must own the directory to create the cluster in it. */
    private void handOverDirectory() {
        if (asServiceUser) {
            try {
                Files.setOwner(root, serviceUser(root));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hand " + root + " to the '" + SERVICE_USER + "' user", e);
            }
        }
    }

    private void initialise() {
        // Trust on the socket is safe: it lives in our directory, which only the server's user may enter.
        run(INIT_LIMIT, program("initdb"), "--pgdata=" + dataDirectory(), "--username=" + SUPERUSER,
                "--auth-local=trust", "--auth-host=" + PASSWORD_METHOD, "--encoding=UTF8", "--locale=C",
                // A throwaway cluster needs no crash safety; skipping the disk syncs saves seconds per start.
                "--no-sync");
        List<String> settings = List.of(
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + root.toString().replace("'", "''") + "'",
                // How CREATE ROLE stores the password, which must match the TCP login method.
                "password_encryption = " + PASSWORD_METHOD,
                // Nothing of a throwaway cluster must survive a machine crash; these make commits cheap.
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off");
        try {
            Files.write(dataDirectory().resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure " + dataDirectory(), e);
        }
    }

    private ServerDatabase describe(String name) {
        return new ServerDatabase("jdbc:postgresql://" + LoopbackServers.address() + ":" + port + "/" + name, name,
                APPLICATION_ROLE, password);
    }

    /** Through a file in our directory, not the command line, which any local user could read in ps. */
    private synchronized void superuserSql(String sql) {
        Path script = root.resolve("command.sql");
        try {
            Files.writeString(script, sql + ";\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        run(SQL_LIMIT, program("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--host=" + root,
                "--port=" + port, "--username=" + SUPERUSER, "--dbname=postgres", "--file=" + script);
    }

    private void stop() {
        if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
            try {
                run(STOP_LIMIT, program("pg_ctl"), "--pgdata=" + dataDirectory(), "--mode=fast", "--wait",
                        "--timeout=" + STOP_LIMIT.toSeconds(), "stop");
            } catch (RuntimeException e) {
                killPostmaster();
            }
        }
    }

    /** The postmaster's pid is the first line of postmaster.pid; its backends exit when it dies. */
    private void killPostmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory().resolve("postmaster.pid")).get(0).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL in " + root + " could not be stopped: " + e);
        }
    }

    /** Runs one server program as the server's user. */
    private void run(Duration limit, String... command) {
        List<String> line = new ArrayList<>();
        if (asServiceUser) {
            line.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        line.addAll(List.of(command));
        directory.run(limit, line);
    }

    private String program(String name) {
        return installation.program(name).toString();
    }

    private Path dataDirectory() {
        return root.resolve("data");
    }

    private Path serverLog() {
        return root.resolve(SERVER_LOG);
    }

    private static UserPrincipal serviceUser(Path anyPath) throws IOException {
        try {
            return anyPath.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
        } catch (IOException e) {
            throw new IllegalStateException("there is no '" + SERVICE_USER + "' user to run PostgreSQL as (it "
                    + "refuses root): install the Debian package 'postgresql', which creates it", e);
        }
    }

    /** The owner of /proc/self is the effective user, which saves running {@code id}. */
    private static boolean runningAsRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("PostgresServer needs Linux with /proc to tell whether it runs as root", e);
        }
    }
}
