package im.tandem.it.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the SMTP server, on loopback, that plays two failures. Stalled, it accepts
 * connections and holds them without a byte, so a client waits for the greeting: a delivery in flight, for as
 * long as the test wants. Holding acknowledgements, it passes each message on but keeps back the server's reply
 * to the message's end: the message is delivered while its sender still waits, as when a crash falls between
 * the two. Openfire's mail settings point here, as Openfire reads them only once.
 */
public final class SmtpProxy implements AutoCloseable {
    /** What happens to a new connection. */
    private enum Mode {
        FORWARD,
        HOLD_CONNECTIONS,
        HOLD_ACKNOWLEDGEMENTS
    }

    private static final int BUFFER = 8192;
    private static final Runnable NOTHING = () -> { };

    private final ServerSocket listener;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-smtp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    /** The client sides of the held connections; closing one ends its connection. */
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger passes = new AtomicInteger();
    private volatile Mode mode = Mode.FORWARD;

    private SmtpProxy(int upstreamPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        threads.execute(this::acceptLoop);
    }

    public static SmtpProxy to(MailServer mail) {
        try {
            return new SmtpProxy(mail.port());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SMTP proxy", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far, forwarded or not. */
    public int connections() {
        return connections.get();
    }

    /** From now on, hold new connections without forwarding them. */
    public void stall() {
        mode = Mode.HOLD_CONNECTIONS;
    }

    /**
     * From now on, forward new connections but hold back the server's reply to the end of each message, so the
     * sender never learns that it was delivered. Connections a stall holds are closed: their senders try again.
     */
    public void holdAcknowledgements() {
        mode = Mode.HOLD_ACKNOWLEDGEMENTS;
        closeHeld();
    }

    /** Forwards the next {@code count} new connections in full, whatever else is being played. */
    public void forwardNext(int count) {
        passes.addAndGet(count);
    }

    /** Forward again; the held connections are closed. */
    public void release() {
        mode = Mode.FORWARD;
        closeHeld();
    }

    /** Waits until this many connections are being held, before their greeting or after their message. */
    public void awaitHeld(int count, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (held.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " held SMTP connections within " + limit + ", got "
                        + held.size());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        release();
        closeQuietly(listener);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                Mode current = passes.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? Mode.FORWARD : mode;
                if (current == Mode.HOLD_CONNECTIONS) {
                    held.add(client);
                } else {
                    threads.execute(() -> forward(client, current == Mode.HOLD_ACKNOWLEDGEMENTS));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void closeHeld() {
        for (Socket socket : held) {
            closeQuietly(socket);
        }
        held.clear();
    }

    private void forward(Socket client, boolean holdAcknowledgement) {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            AtomicBoolean muted = new AtomicBoolean();
            threads.execute(() -> pump(upstream, client, muted, NOTHING));
            pump(client, upstream, new AtomicBoolean(), holdAcknowledgement ? () -> {
                muted.set(true);
                held.add(client);
            } : NOTHING);
        } catch (IOException e) {
            closeQuietly(client); // the SMTP server is down: the client sees the connection close
        }
    }

    /**
     * Copies until either side closes; bytes read while {@code muted} are dropped, and {@code onMessageEnd} runs
     * when the bytes read end a message.
     */
    private static void pump(Socket from, Socket to, AtomicBoolean muted, Runnable onMessageEnd) {
        MessageEnd watch = new MessageEnd(onMessageEnd);
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                // Before the bytes go on: the server answers the message's end only once it has them.
                watch.scan(buffer, read);
                if (!muted.get()) {
                    out.write(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            // one side closed; closing both below ends the other pump
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /**
     * Spots the end of a message in what the client sends: CRLF "." CRLF (RFC 5321, 4.1.1.4), which dot-stuffing
     * keeps out of the message itself, across reads.
     */
    private static final class MessageEnd {
        private static final byte[] MARK = {'\r', '\n', '.', '\r', '\n'};

        private final Runnable onEnd;
        private int matched;

        MessageEnd(Runnable onEnd) {
            this.onEnd = onEnd;
        }

        void scan(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] == MARK[matched]) {
                    matched++;
                } else {
                    // No longer tail of what matched, followed by this byte, begins the mark: at most the byte
                    // alone does, when it is CR.
                    matched = bytes[i] == MARK[0] ? 1 : 0;
                }
                if (matched == MARK.length) {
                    matched = 0;
                    onEnd.run();
                }
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
