package im.tandem.ice.stun;

import im.tandem.ice.net.DatagramEndpoint;
import im.tandem.ice.net.DatagramNetwork;
import im.tandem.ice.net.UdpNetwork;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A STUN server for Binding requests on one socket (primary address only) or four (primary and alternate
 * address, each on the primary and alternate port). The protocol logic is in {@link BindingResponder}; this class
 * only moves datagrams, on the machine's UDP stack (one named daemon thread per socket) or on any other
 * {@link DatagramNetwork}.
 */
public final class StunServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StunServer.class.getName());
    /** Names the sockets (and so the real network's receiver threads) "stun-server-ADDRESS:PORT". */
    private static final String PURPOSE = "stun-server";

    private final StunServerConfig config;
    private final DatagramNetwork network;
    private final StunCounters counters = new StunCounters();
    private final BindingResponder responder;
    /** Read by the network's threads as they answer, without the lock that {@link #close()} holds. */
    private final Map<SocketRole, DatagramEndpoint> sockets = new ConcurrentHashMap<>();
    private boolean started;

    /** A server on the machine's UDP stack, rate limiting by the system clock. */
    public StunServer(StunServerConfig config) {
        this(config, UdpNetwork.SYSTEM, System::nanoTime);
    }

    /**
     * @param network   where the sockets are bound
     * @param nanoClock the rate limiter's clock, monotonic nanoseconds
     */
    public StunServer(StunServerConfig config, DatagramNetwork network, LongSupplier nanoClock) {
        if (config == null || network == null || nanoClock == null) {
            throw new IllegalArgumentException("config, network and nanoClock are required");
        }
        this.config = config;
        this.network = network;
        this.responder = new BindingResponder(config, new SourceRateLimiter(config.rateLimit(), nanoClock), counters);
    }

    /** Binds every socket; if any bind fails, nothing is left open. */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("a StunServer can be started only once");
        }
        started = true;
        try {
            for (SocketRole role : config.roles()) {
                sockets.put(role, network.bind(config.socketAddress(role), PURPOSE,
                        (data, length, source) -> serve(role, data, length, source)));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        LOG.log(Level.INFO, "STUN server listening: {0}", config);
    }

    public StunServerConfig config() {
        return config;
    }

    public StunServerStatistics statistics() {
        return counters.snapshot();
    }

    /** Closes every socket (waiting briefly for real ones' threads); safe to call more than once or before start. */
    @Override
    public synchronized void close() {
        sockets.values().forEach(DatagramEndpoint::close);
        sockets.clear();
    }

    private void serve(SocketRole role, byte[] data, int length, InetSocketAddress source) {
        Optional<Reply> reply = responder.handle(data, length, source, role);
        reply.ifPresent(r -> send(r, source));
    }

    private void send(Reply reply, InetSocketAddress destination) {
        DatagramEndpoint from = sockets.get(reply.sendFrom());
        if (from == null) {
            // Not bound yet (start is still binding) or closed already: the client's retransmission gets an answer.
            return;
        }
        try {
            from.send(reply.datagram(), destination);
        } catch (IOException e) {
            // A lost answer is what UDP clients expect and retransmit for; one failed send must not stop the server.
            LOG.log(Level.DEBUG, "send to " + destination + " failed", e);
        }
    }
}
