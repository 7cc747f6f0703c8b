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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the SMTP server, on loopback. Stalled, it accepts connections and holds them
 * without a byte, so a client waits for the greeting: a delivery in flight, for as long as the test wants.
 * Openfire's mail settings point here, as Openfire reads them only once.
 */
final class SmtpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-smtp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean stalled;

    private SmtpProxy(int upstreamPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        threads.execute(this::acceptLoop);
    }

    static SmtpProxy to(MailServer mail) {
        try {
            return new SmtpProxy(mail.port());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SMTP proxy", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far, forwarded or not. */
    int connections() {
        return connections.get();
    }

    /** From now on, hold new connections without forwarding them. */
    void stall() {
        stalled = true;
    }

    /** Forward again; the held connections are closed. */
    void release() {
        stalled = false;
        for (Socket socket : held) {
            closeQuietly(socket);
        }
        held.clear();
    }

    /** Waits until this many connections are being held. */
    void awaitHeld(int count, Duration limit) throws InterruptedException {
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
                if (stalled) {
                    held.add(client);
                } else {
                    threads.execute(() -> forward(client));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forward(Socket client) {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            threads.execute(() -> pump(upstream, client));
            pump(client, upstream);
        } catch (IOException e) {
            closeQuietly(client); // the SMTP server is down: the client sees the connection close
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed; closing both below ends the other pump
        } finally {
            closeQuietly(from);
            closeQuietly(to);
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
