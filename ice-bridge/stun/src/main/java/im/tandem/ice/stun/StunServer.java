package im.tandem.ice.stun;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A STUN server for Binding requests on one socket (primary address only) or four (primary and alternate
 * address, each on the primary and alternate port), one named daemon thread per socket. The protocol logic is
 * in {@link BindingResponder}; this class only moves datagrams.
 */
public final class StunServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StunServer.class.getName());
    /**
     * Receive buffer. Real Binding requests are well under 100 bytes; anything longer than this is truncated,
     * which makes the length field disagree and so the datagram is dropped as malformed.
     */
    static final int RECEIVE_BUFFER_BYTES = 1500;
    /** How long {@link #close()} waits for each socket thread after closing its socket. */
    private static final long THREAD_JOIN_MILLIS = 2000;

    private final StunServerConfig config;
    private final StunCounters counters = new StunCounters();
    private final BindingResponder responder;
    private final Map<SocketRole, DatagramSocket> sockets = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean started;
    private volatile boolean running;

    public StunServer(StunServerConfig config) {
        this.config = config;
        this.responder = new BindingResponder(config, new SourceRateLimiter(config.rateLimit(), System::nanoTime),
                counters);
    }

    /** Binds every socket, then starts their threads; if any bind fails, nothing is left open. */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("a StunServer can be started only once");
        }
        started = true;
        try {
            for (SocketRole role : config.roles()) {
                sockets.put(role, bind(config.socketAddress(role)));
            }
        } catch (IOException e) {
            closeSockets();
            throw e;
        }
        running = true;
        for (Map.Entry<SocketRole, DatagramSocket> entry : sockets.entrySet()) {
            Thread thread = new Thread(() -> serve(entry.getKey(), entry.getValue()),
                    "stun-server-" + SocketAddresses.format(config.socketAddress(entry.getKey())));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        LOG.log(Level.INFO, "STUN server listening: {0}", config);
    }

    public StunServerConfig config() {
        return config;
    }

    public StunServerStatistics statistics() {
        return counters.snapshot();
    }

    /** Closes every socket and waits briefly for the threads; safe to call more than once or before start. */
    @Override
    public synchronized void close() {
        running = false;
        closeSockets();
        for (Thread thread : threads) {
            try {
                thread.join(THREAD_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    private static DatagramSocket bind(InetSocketAddress address) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.bind(address);
        } catch (SocketException e) {
            socket.close();
            throw new IOException("cannot bind STUN socket " + SocketAddresses.format(address) + ": " + e.getMessage(), e);
        }
        return socket;
    }

    private void serve(SocketRole role, DatagramSocket socket) {
        byte[] buffer = new byte[RECEIVE_BUFFER_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                LOG.log(Level.WARNING, "receive failed on " + SocketAddresses.format(config.socketAddress(role)), e);
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
            try {
                Optional<Reply> reply = responder.handle(buffer, packet.getLength(), source, role);
                reply.ifPresent(r -> send(r, source));
            } catch (RuntimeException e) {
                // The responder is fuzzed not to throw; should a bug slip through, one datagram is lost, not the socket.
                LOG.log(Level.ERROR, "unexpected failure handling a datagram from " + source, e);
            }
        }
    }

    private void send(Reply reply, InetSocketAddress destination) {
        DatagramSocket from = sockets.get(reply.sendFrom());
        byte[] datagram = reply.datagram();
        try {
            from.send(new DatagramPacket(datagram, datagram.length, destination));
        } catch (IOException e) {
            // A lost answer is what UDP clients expect and retransmit for; one failed send must not stop the server.
            LOG.log(Level.DEBUG, "send to " + destination + " failed", e);
        }
    }

    private void closeSockets() {
        sockets.values().forEach(DatagramSocket::close);
    }
}
