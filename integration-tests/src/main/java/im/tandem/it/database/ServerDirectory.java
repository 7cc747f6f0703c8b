package im.tandem.it.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The temp directory a throwaway database server lives in, and the server's lifetime. Only its owner may enter it
 * (the JDK creates temp directories that way), so a unix socket inside reaches the server from no other user.
 * Programs run here with their output kept for the error message. {@link #close()}, or the JVM's shutdown hook if
 * the owner never gets there, stops the server and deletes the directory.
 */
public final class ServerDirectory implements AutoCloseable {
    /** Where {@link #run} puts a program's output; programs run one at a time, so one file serves them all. */
    private static final String COMMAND_OUTPUT = "command.log";
    private static final File DEV_NULL = new File("/dev/null");

    private final Path path;
    private final Runnable stopServer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private ServerDirectory(Path path, Runnable stopServer) {
        this.path = path;
        this.stopServer = stopServer;
        this.shutdownHook = new Thread(this::stopAndDelete, path.getFileName() + "-stop");
    }

    /**
     * Creates the directory and registers the shutdown hook.
     *
     * @param prefix     the start of the directory's name, saying which server lives there
     * @param stopServer stops the server if it runs, whatever state start-up reached; runs once, before the
     *                   directory is deleted
     */
    public static ServerDirectory create(String prefix, Runnable stopServer) {
        Path path;
        try {
            path = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a database server", e);
        }
        ServerDirectory directory = new ServerDirectory(path, stopServer);
        Runtime.getRuntime().addShutdownHook(directory.shutdownHook);
        return directory;
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /**
     * Runs one program to its end, in this directory, its output to a file that a failure quotes.
     *
     * @throws IllegalStateException when it fails or outlives the limit (it is then killed)
     */
    public synchronized void run(Duration limit, List<String> command) {
        String line = String.join(" ", command);
        Path output = resolve(COMMAND_OUTPUT);
        try {
            Process process = start(command, COMMAND_OUTPUT);
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(line + " did not finish within " + limit.toSeconds() + " s:\n"
                        + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(line + " failed with exit code " + process.exitValue() + ":\n"
                        + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + line, e);
        }
    }

    /** Starts a program in this directory, with nothing on its input and its output to the named file here. */
    public Process start(List<String> command, String outputName) throws IOException {
        // A server's own user may not be able to enter the caller's working directory.
        return new ProcessBuilder(command).directory(path.toFile()).redirectErrorStream(true)
                .redirectOutput(resolve(outputName).toFile()).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .start();
    }

    /** A file of this directory, such as the server's log, for an error message: never fails. */
    public String quote(String name) {
        Path file = resolve(name);
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "(none written)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stops the server and deletes the directory. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself; stopping twice is harmless.
        }
        stopAndDelete();
    }

    private void stopAndDelete() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stopServer.run();
        } finally {
            deleteTree();
        }
    }

    private void deleteTree() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + path + ": " + e);
        }
    }
}
