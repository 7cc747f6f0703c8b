package im.tandem.ice.nat;

import im.tandem.ice.net.DatagramNetwork;
import im.tandem.ice.net.ExecutorScheduler;
import im.tandem.ice.net.Scheduler;
import im.tandem.ice.net.UdpNetwork;
import im.tandem.ice.stun.ChangeRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import im.tandem.ice.concurrent.DaemonThreads;

/**
 * Finds the NAT type between a local address and a STUN server, with RFC 3489 servers (CHANGED-ADDRESS) and
 * RFC 5780 servers (OTHER-ADDRESS) alike.
 *
 * <p>All tests run as early as they can: the first request and the filtering socket's own first request go out
 * together; as soon as the first answer names the server's alternate address, both mapping tests and both
 * filtering tests go out at once. Mapping and filtering tests use separate local sockets (see
 * {@link Observations}) so that running them together cannot change what they measure. Timing is set by
 * {@link RetransmissionSchedule#FIRST_PROBE} and {@link RetransmissionSchedule#FOLLOW_UP}.
 */
public final class NatDiscovery {
    private static final ChangeRequest CHANGE_IP_AND_PORT = new ChangeRequest(true, true);
    private static final ChangeRequest CHANGE_PORT = new ChangeRequest(false, true);
    private static final String MAPPING_SKIPPED = "no NAT or no alternate address";
    private static final String FILTERING_SKIPPED = "no alternate address or no answer to the filtering socket";

    private final InetSocketAddress server;
    private final Optional<InetAddress> bindAddress;

    /** Tests from whichever local address the route to the server uses. */
    public NatDiscovery(InetSocketAddress server) {
        this(server, Optional.empty());
    }

    /**
     * @param bindAddress local address to test from; a wildcard address means the same as none given
     */
    public NatDiscovery(InetSocketAddress server, InetAddress bindAddress) {
        this(server, Optional.of(bindAddress).filter(a -> !a.isAnyLocalAddress()));
    }

    private NatDiscovery(InetSocketAddress server, Optional<InetAddress> bindAddress) {
        if (server == null || server.isUnresolved()) {
            throw new IllegalArgumentException("STUN server address must be resolved: " + server);
        }
        if (bindAddress.filter(b -> b.getClass() != server.getAddress().getClass()).isPresent()) {
            throw new IllegalArgumentException("bind address " + bindAddress.get().getHostAddress()
                    + " is not of the same IP family as the STUN server " + server.getAddress().getHostAddress());
        }
        this.server = server;
        this.bindAddress = bindAddress;
    }

    /**
     * Runs the tests on the machine's UDP stack; throws only when the local side cannot be set up (no route,
     * cannot bind).
     */
    public NatDiscoveryResult discover() throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("nat-discovery-timer"));
        try {
            return discover(UdpNetwork.SYSTEM, new ExecutorScheduler(timer)).join();
        } finally {
            timer.shutdownNow();
        }
    }

    /**
     * The same run on any network and clock, without blocking: the result completes on whichever thread delivers
     * the last answer or timeout, with both local endpoints already closed. A simulated network with a manual
     * clock runs it in the tests.
     */
    CompletableFuture<NatDiscoveryResult> discover(DatagramNetwork network, Scheduler scheduler) throws IOException {
        long start = scheduler.nanoTime();
        // A concrete local address is needed to tell "no NAT" (mapped == local) from a NAT.
        InetAddress local = bindAddress.isPresent() ? bindAddress.get() : network.localAddressTowards(server);
        InetSocketAddress anyPort = new InetSocketAddress(local, 0);
        ProbeSocket mappingSocket = new ProbeSocket(network, anyPort, scheduler, "mapping");
        ProbeSocket filteringSocket;
        try {
            filteringSocket = new ProbeSocket(network, anyPort, scheduler, "filtering");
        } catch (IOException e) {
            mappingSocket.close();
            throw e;
        }
        return observe(mappingSocket, filteringSocket)
                .thenApply(observations -> {
                    Classification c = NatClassifier.classify(observations);
                    return new NatDiscoveryResult(server, observations.local(), c.natType(), c.mapping(),
                            c.filtering(), observations.first().mapped(),
                            Duration.ofNanos(scheduler.nanoTime() - start), c.reason());
                })
                .whenComplete((result, failure) -> {
                    mappingSocket.close();
                    filteringSocket.close();
                });
    }

    private CompletableFuture<Observations> observe(ProbeSocket mappingSocket, ProbeSocket filteringSocket) {
        InetSocketAddress local = mappingSocket.localAddress();
        CompletableFuture<ProbeResult> first =
                mappingSocket.probe(server, ChangeRequest.NONE, server, RetransmissionSchedule.FIRST_PROBE);
        CompletableFuture<ProbeResult> primer =
                filteringSocket.probe(server, ChangeRequest.NONE, server, RetransmissionSchedule.FIRST_PROBE);
        CompletableFuture<Optional<InetSocketAddress>> other = first.thenApply(this::usableOtherAddress);

        // Mapping tests only make sense behind a NAT: without one the mapping is the local address everywhere.
        CompletableFuture<Optional<InetSocketAddress>> otherIfNat = first.thenCombine(other,
                (f, o) -> f.mapped().filter(m -> !m.equals(local)).flatMap(m -> o));
        CompletableFuture<ProbeResult> mappingAlternateIp = otherIfNat.thenCompose(o -> o
                .map(alt -> new InetSocketAddress(alt.getAddress(), server.getPort()))
                .map(dest -> mappingSocket.probe(dest, ChangeRequest.NONE, dest, RetransmissionSchedule.FOLLOW_UP))
                .orElseGet(() -> notSent(MAPPING_SKIPPED)));
        CompletableFuture<ProbeResult> mappingOther = otherIfNat.thenCompose(o -> o
                .map(alt -> mappingSocket.probe(alt, ChangeRequest.NONE, alt, RetransmissionSchedule.FOLLOW_UP))
                .orElseGet(() -> notSent(MAPPING_SKIPPED)));

        CompletableFuture<Optional<InetSocketAddress>> otherIfPrimed = other.thenCombine(primer,
                (o, p) -> p.isAnswered() ? o : Optional.<InetSocketAddress>empty());
        CompletableFuture<ProbeResult> changeBoth = otherIfPrimed.thenCompose(o -> o
                .map(alt -> filteringSocket.probe(server, CHANGE_IP_AND_PORT, alt, RetransmissionSchedule.FOLLOW_UP))
                .orElseGet(() -> notSent(FILTERING_SKIPPED)));
        CompletableFuture<ProbeResult> changePort = otherIfPrimed.thenCompose(o -> o
                .map(alt -> new InetSocketAddress(server.getAddress(), alt.getPort()))
                .map(from -> filteringSocket.probe(server, CHANGE_PORT, from, RetransmissionSchedule.FOLLOW_UP))
                .orElseGet(() -> notSent(FILTERING_SKIPPED)));

        return CompletableFuture.allOf(mappingAlternateIp, mappingOther, changeBoth, changePort)
                .thenApply(allDone -> new Observations(local, first.join(), other.join(), mappingAlternateIp.join(),
                        mappingOther.join(), primer.join(), changeBoth.join(), changePort.join()));
    }

    /**
     * The alternate address from the first answer, accepted only if it really is another IP and another port of
     * the same family as the server's: with anything else the change tests would not test what they claim to.
     */
    private Optional<InetSocketAddress> usableOtherAddress(ProbeResult first) {
        return first.otherAddress().filter(o -> !o.getAddress().equals(server.getAddress())
                && o.getPort() != server.getPort()
                && o.getAddress().getClass() == server.getAddress().getClass());
    }

    private static CompletableFuture<ProbeResult> notSent(String why) {
        return CompletableFuture.completedFuture(ProbeResult.notSent(why));
    }
}
