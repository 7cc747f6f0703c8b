package im.tandem.it.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
    /** 128 bits of randomness: the TCP port is reachable by every local user. */
    private static final int PASSWORD_BYTES = 16;

    private static final File DEV_NULL = new File("/dev/null");

    private final PostgresInstallation installation;
    private final Path root;
    private final boolean asServiceUser;
    private final String password;
    private final int port;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook;

    private PostgresServer(PostgresInstallation installation, Path root, boolean asServiceUser) {
        this.installation = installation;
        this.root = root;
        this.asServiceUser = asServiceUser;
        this.password = randomPassword();
        this.port = freeLoopbackPort();
        this.shutdownHook = new Thread(this::stopAndRemove, "postgres-" + port + "-stop");
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
        boolean asServiceUser = runningAsRoot();
        Path root;
        try {
            root = Files.createTempDirectory("tandem-postgres-");
            if (asServiceUser) {
                Files.setOwner(root, serviceUser(root));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for PostgreSQL", e);
        }
        PostgresServer server = new PostgresServer(installation, root, asServiceUser);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.initialise();
            server.run(START_LIMIT, server.program("pg_ctl"), "--pgdata=" + server.dataDirectory(),
                    "--log=" + server.serverLog(), "--wait", "--timeout=" + START_LIMIT.toSeconds(), "start");
            server.superuserSql("CREATE ROLE " + APPLICATION_ROLE + " LOGIN PASSWORD '" + server.password + "'");
            server.createDatabase(DEFAULT_DATABASE);
            return server;
        } catch (RuntimeException e) {
            String log = server.readServerLog();
            server.close();
            throw new IllegalStateException("PostgreSQL " + installation.majorVersion() + " did not start: "
                    + e.getMessage() + "\nserver log:\n" + log, e);
        }
    }

    /** The database created at start, owned by the {@value #APPLICATION_ROLE} role. */
    public PostgresDatabase database() {
        return describe(DEFAULT_DATABASE);
    }

    /** Creates another empty database owned by the {@value #APPLICATION_ROLE} role. */
    public PostgresDatabase createDatabase(String name) {
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
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself; stopping twice is harmless.
        }
        stopAndRemove();
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

    private PostgresDatabase describe(String name) {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        return new PostgresDatabase("jdbc:postgresql://" + host + ":" + port + "/" + name, name, APPLICATION_ROLE,
                password);
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

    private void stopAndRemove() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
            try {
                run(STOP_LIMIT, program("pg_ctl"), "--pgdata=" + dataDirectory(), "--mode=fast", "--wait",
                        "--timeout=" + STOP_LIMIT.toSeconds(), "stop");
            } catch (RuntimeException e) {
                killPostmaster();
            }
        }
        deleteTree(root);
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

    /** Runs one server program as the server's user, its output to a file that a failure quotes. */
    private synchronized void run(Duration limit, String... command) {
        List<String> line = new ArrayList<>();
        if (asServiceUser) {
            line.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        line.addAll(List.of(command));
        Path output = root.resolve("command.log");
        try {
            // The server's user may not be able to enter the caller's working directory.
            Process process = new ProcessBuilder(line).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish within "
                        + limit.toSeconds() + " s:\n" + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed with exit code "
                        + process.exitValue() + ":\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", line), e);
        }
    }

    private String program(String name) {
        return installation.program(name).toString();
    }

    private Path dataDirectory() {
        return root.resolve("data");
    }

    private Path serverLog() {
        return root.resolve("server.log");
    }

    private String readServerLog() {
        try {
            return Files.isRegularFile(serverLog()) ? Files.readString(serverLog()) : "(none written)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
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

    private static String randomPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + directory + ": " + e);
        }
    }
}
