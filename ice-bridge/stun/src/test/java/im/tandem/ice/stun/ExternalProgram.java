package im.tandem.ice.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A third-party program (stund, stun, turnserver, turnutils_natdiscovery) run by an interop test. Missing
 * programs fail the test with the Debian package to install: interop is never silently skipped.
 */
public final class ExternalProgram implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long a started server may take to answer its first Binding request. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final int READY_POLL_MILLIS = 100;

    private final Process process;
    private final Path log;

    private ExternalProgram(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The program's path, or a failed test naming the Debian package that provides it. */
    public static Path require(String path, String debianPackage) {
        Path program = Path.of(path);
        if (!Files.isExecutable(program)) {
            fail(path + " is missing: install the Debian package '" + debianPackage + "' (apt-get install "
                    + debianPackage + ")");
        }
        return program;
    }

    /** Starts a long-running program with stdout and stderr going to {@code log}. */
    public static ExternalProgram start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ExternalProgram(process, log);
    }

    /** Runs a program to completion (bounded by {@code timeout}) and returns its exit code and output. */
    public static Completed run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tandem-external", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + timeout + "; output:\n"
                        + Files.readString(out));
            }
            return new Completed(process.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Waits until something at {@code server} answers a Binding request, or fails with the program's log. */
    public void awaitStunAnswer(InetSocketAddress server) throws IOException, InterruptedException {
        byte[] request = StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(),
                List.of()));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LoopbackPorts.PRIMARY, 0))) {
            socket.setSoTimeout(READY_POLL_MILLIS);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("program exited with " + process.exitValue() + " before answering; log:\n" + log());
                }
                socket.send(new DatagramPacket(request, request.length, server));
                try {
                    socket.receive(new DatagramPacket(new byte[1500], 1500));
                    return;
                } catch (SocketTimeoutException e) {
                    // not up yet
                }
            }
        }
        fail("no STUN answer from " + server + " within " + READY_TIMEOUT + "; log:\n" + log());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then SIGKILL if it does not stop within the grace period (or the wait is interrupted). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }

    /** A finished program. */
    public record Completed(int exitCode, String output) {
    }

    /** The arguments as a list, for readability at call sites. */
    public static List<String> command(Object... parts) {
        List<String> command = new ArrayList<>();
        for (Object part : parts) {
            command.add(part.toString());
        }
        return command;
    }
}
