package im.tandem.ice.session;

import java.beans.PropertyChangeEvent;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.Candidate;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.CheckList;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.NominationStrategy;
import org.ice4j.ice.RelayedCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;

import im.tandem.ice.concurrent.DaemonThreads;
import im.tandem.ice.turn.TurnChannelTransport;
import im.tandem.ice.transport.UdpOffload;

/**
 * One ICE session (RFC 8445) with a single UDP component, on ice4j. Gathers host, server-reflexive and relayed
 * candidates when created, accepts the peer's candidates as they trickle in, connects in either role, then watches
 * consent (RFC 7675) on the selected path and reports when it is lost.
 *
 * <pre>
 * IceSession session = IceSession.create(config);      // gathers
 * send(session.localDescription());                    // via signalling
 * session.setRemoteCredentials(ufrag, pwd);            // from signalling
 * session.addRemoteCandidate(candidate);                // as each arrives
 * IcePath path = session.connect(role).get();          // fails within connectTimeout
 * </pre>
 */
public final class IceSession implements Closeable {

    static {
        Ice4jDefaults.applySafeDefaults(); // before any ice4j agent can exist
    }

    /** Reported once when consent on the selected path has lapsed. */
    @FunctionalInterface
    public interface PathListener {
        void onPathLost(String reason);
    }

    public enum Role {
        CONTROLLING,
        CONTROLLED
    }

    private static final Logger LOG = Logger.getLogger(IceSession.class.getName());
    /** ice4j reads the host-candidate policy JVM-wide while gathering; sessions gather one at a time. */
    private static final Object GATHER_LOCK = new Object();
    private static final String STREAM_NAME = "data";
    /** Half a second: a lapse is noticed at most this late, and the check itself costs nothing. */
    private static final Duration CONSENT_POLL = Duration.ofMillis(500);
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("ice-session-timer"));

    /**
     * Where a selected pair is taken over from ice4j: freeing an agent takes tens of milliseconds, which on
     * {@link #TIMERS} would hold up every other session's nominations and deadlines.
     */
    private static final ExecutorService TAKEOVERS = Executors.newCachedThreadPool(
            DaemonThreads.numbered("ice-session-takeover"));

    private final IceConfig config;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final CompletableFuture<IcePath> connected = new CompletableFuture<>();
    /** Every pair a check made valid, with the local candidate the peer's answer revealed (RFC 8445 7.2.5.3.2). */
    private final List<CandidatePair> validPairs = new CopyOnWriteArrayList<>();
    private final DirectFirstNominator<CandidatePair> nominator;
    private volatile PathListener pathListener = reason -> { };
    private boolean started;
    private boolean remoteCandidatesEnded;
    private ScheduledFuture<?> consentWatch;
    private volatile boolean pathLost;
    private boolean closed;
    /** The selected pair once taken over from ice4j; null before, and while our end of it is a TURN allocation. */
    private volatile SelectedUdpPath ownPath;
    private ScheduledFuture<?> consentChecks;
    /** Keeps our TURN allocation, channel and permission alive once a relayed pair is taken over; null otherwise. */
    private ScheduledFuture<?> relayRefreshes;

    private IceSession(IceConfig config, Agent agent, IceMediaStream stream, Component component) {
        this.config = config;
        this.agent = agent;
        this.stream = stream;
        this.component = component;
        this.nominator = new DirectFirstNominator<>(
                (delay, task) -> TIMERS.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), this::nominate);
        stream.addPairChangeListener(this::onPairChange);
    }

    /**
     * Creates the agent and gathers all local candidates, waiting at most the gather timeout per server.
     *
     * @throws IllegalArgumentException if {@value UdpOffload#PROPERTY} is set to neither true nor false
     */
    public static IceSession create(IceConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        if (UdpOffload.enabled()) { // a bad setting fails here, not when the selected pair is taken over
            // While the candidates are gathered: the first takeover in a process otherwise waited 70 to 110 ms for
            // it, with the channel's data on ice4j's slower socket meanwhile.
            TAKEOVERS.execute(UdpOffload::loadNativePart);
        }
        synchronized (GATHER_LOCK) {
            Ice4jDefaults.applyHostPolicy(config);
            Agent agent = new Agent();
            try {
                for (var stun : config.stunServers()) {
                    agent.addCandidateHarvester(new StunCandidateHarvester(new TransportAddress(stun, Transport.UDP)));
                }
                for (TurnServer turn : config.turnServers()) {
                    agent.addCandidateHarvester(new TurnCandidateHarvester(
                            new TransportAddress(turn.address(), Transport.UDP),
                            new LongTermCredential(turn.username(), turn.password())));
                }
                agent.setPerformConsentFreshness(true);
                agent.setNominationStrategy(NominationStrategy.NONE); // DirectFirstNominator decides instead
                IceMediaStream stream = agent.createMediaStream(STREAM_NAME);
                Component component;
                try {
                    component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
                } catch (IOException e) {
                    throw new IceFailedException("no local candidate: no usable interface or address "
                            + "(allowedInterfaces=" + config.allowedInterfaces() + ", blockedInterfaces="
                            + config.blockedInterfaces() + ", allowedAddresses=" + config.allowedAddresses()
                            + "; loopback is never used)", e);
                }
                return new IceSession(config, agent, stream, component);
            } catch (IOException | RuntimeException e) {
                agent.free();
                throw e;
            }
        }
    }

    /** Our credentials and candidates, to send through signalling. */
    public LocalDescription localDescription() {
        List<IceCandidate> candidates = component.getLocalCandidates().stream()
                .filter(c -> c.getTransport() == Transport.UDP)
                .map(c -> Ice4jCandidates.describe(c, agent.getGeneration()))
                .toList();
        return new LocalDescription(agent.getLocalUfrag(), agent.getLocalPassword(), candidates);
    }

    public synchronized void setRemoteCredentials(String ufrag, String password) {
        if (ufrag == null || ufrag.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("remote ufrag and password must not be empty");
        }
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
    }

    /** Adds a candidate of the peer; allowed before and after {@link #connect}, as trickle ICE sends them. */
    public synchronized void addRemoteCandidate(IceCandidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (stream.getRemoteUfrag() == null) {
            throw new IllegalStateException("setRemoteCredentials must come before remote candidates");
        }
        if (remoteCandidatesEnded) {
            throw new IllegalStateException("a remote candidate arrived after end-of-candidates");
        }
        if (candidate.component() != component.getComponentID()) {
            return; // not for our single component; signalling may carry others
        }
        var remote = Ice4jCandidates.toRemote(candidate, component, stream.getRemoteUfrag());
        if (started) {
            component.addUpdateRemoteCandidates(remote);
            component.updateRemoteCandidates();
        } else {
            component.addRemoteCandidate(remote);
        }
    }

    /** The peer has sent all its candidates: if every check has already failed, fail now rather than at timeout. */
    public synchronized void endOfRemoteCandidates() {
        remoteCandidatesEnded = true;
        if (agent.getState() == IceProcessingState.FAILED) {
            connected.completeExceptionally(new IceFailedException("every candidate pair failed its checks"));
        }
    }

    /**
     * Starts connectivity checks.
     *
     * @return completes with the selected path, or fails with {@link IceFailedException} within the connect timeout
     */
    public synchronized CompletableFuture<IcePath> connect(Role role) {
        Objects.requireNonNull(role, "role");
        if (started) {
            throw new IllegalStateException("connect was already called");
        }
        if (stream.getRemoteUfrag() == null) {
            throw new IllegalStateException("setRemoteCredentials must come before connect");
        }
        started = true;
        agent.setControlling(role == Role.CONTROLLING);
        agent.addStateChangeListener(this::onStateChange);
        agent.startConnectivityEstablishment();
        TIMERS.schedule(() -> connected.completeExceptionally(new IceFailedException(
                "no working ICE path within " + config.connectTimeout().toMillis() + " ms (connectTimeout)")),
                config.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        return connected;
    }

    /**
     * Whether the selected pair has moved from ice4j to a socket of our own, which happens once the channel on it
     * is open (see {@link IcePath#transport()}): false before that, and for a relayed pair whose TURN server or
     * local address could not be told for certain.
     */
    public boolean ownsSelectedPath() {
        return ownPath != null;
    }

    /** Told once when consent on the selected path lapses for longer than the path timeout. */
    public void setPathListener(PathListener listener) {
        this.pathListener = Objects.requireNonNull(listener, "listener");
    }

    private void onPairChange(PropertyChangeEvent event) {
        if (IceMediaStream.PROPERTY_PAIR_VALIDATED.equals(event.getPropertyName())) {
            CandidatePair pair = (CandidatePair) event.getSource();
            validPairs.add(pair);
            if (agent.isControlling()) {
                nominator.validated(pair, relayedEnds(pair));
            }
        } else if (IceMediaStream.PROPERTY_PAIR_STATE_CHANGED.equals(event.getPropertyName())
                && event.getNewValue() == CandidatePairState.FAILED && agent.isControlling()) {
            nominator.nominationFailed((CandidatePair) event.getSource());
        }
    }

    private static int relayedEnds(CandidatePair pair) {
        return (isRelay(pair.getLocalCandidate()) ? 1 : 0) + (isRelay(pair.getRemoteCandidate()) ? 1 : 0);
    }

    private static boolean isRelay(Candidate<?> candidate) {
        return Ice4jCandidates.typeOf(candidate.getType()) == CandidateType.RELAY;
    }

    private void nominate(CandidatePair pair) {
        if (connected.isDone()) {
            return; // closed or timed out while a relayed pair waited its grace
        }
        if (pair.isNominated()) {
            checkNominatedAgain(pair);
            return;
        }
        try {
            agent.nominate(pair);
        } catch (IllegalStateException e) {
            // ICE ended between the check above and here: there is nothing left to nominate.
        }
    }

    /**
     * Another nomination check on a pair whose last one failed. ice4j keeps such a pair as the component's nominee,
     * so {@link Agent#nominate} refuses it and every other pair, and the triggered check it sends for a nomination
     * is not open to us. Its pacer checks every Waiting pair of the check list, with USE-CANDIDATE for a nominated
     * one: the pair goes into the list (a pair whose local end is peer-reflexive was never in it) and back to
     * Waiting.
     */
    private void checkNominatedAgain(CandidatePair pair) {
        LOG.info(() -> "the nomination check on " + pair.toRedactedShortString() + " failed; checking it again");
        CheckList checks = stream.getCheckList();
        synchronized (checks) {
            if (!checks.contains(pair)) {
                checks.add(pair);
            }
        }
        pair.setStateWaiting();
    }

    private void onStateChange(PropertyChangeEvent event) {
        IceProcessingState state = (IceProcessingState) event.getNewValue();
        if (state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED) {
            CandidatePair pair = component.getSelectedPair();
            if (pair != null) {
                selected(pair);
            }
        } else if (state == IceProcessingState.FAILED) {
            connected.completeExceptionally(new IceFailedException("every candidate pair failed its checks"));
        }
    }

    private synchronized void selected(CandidatePair pair) {
        if (connected.isDone()) {
            return;
        }
        LocalCandidate local = pair.getLocalCandidate();
        IceCandidate localDescription = Ice4jCandidates.describe(local, agent.getGeneration());
        IceCandidate remoteDescription = Ice4jCandidates.describe(pair.getRemoteCandidate(), agent.getGeneration());
        IcePath path = new IcePath(PathType.of(localTypeAsSeen(pair), remoteDescription.type()),
                localDescription, remoteDescription,
                new IceDatagramTransport(component, () -> takeOver(pair), TAKEOVERS));
        if (connected.complete(path)) {
            long selectedAt = System.currentTimeMillis();
            consentWatch = TIMERS.scheduleAtFixedRate(() -> checkConsent(pair, selectedAt),
                    CONSENT_POLL.toMillis(), CONSENT_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Moves the selected pair from ice4j to a socket of our own: frees the agent (its checks, its consent and its
     * sockets), binds the pair's local address again and sends the consent checks itself. Where our end is plain
     * UDP, the socket is connected to the peer's address (the peer's TURN relay, if that is its end, is an address
     * like any other: the peer's TURN client wraps and unwraps, and keeps its permission for us). Where our end is
     * our own TURN allocation, the socket speaks TURN to the server from the address the allocation was made from
     * (see {@link TurnChannelTransport}); such a pair stays with ice4j if that address or the server's credentials
     * are not known for certain. If the address cannot be bound again or the server refuses, the path is lost.
     */
    private synchronized Optional<SelectedUdpPath> takeOver(CandidatePair pair) {
        if (closed || pathLost) {
            return Optional.empty();
        }
        LocalCandidate localCandidate = pair.getLocalCandidate();
        InetSocketAddress remote = pair.getRemoteCandidate().getTransportAddress();
        SelectedUdpPath.Credentials credentials = new SelectedUdpPath.Credentials(agent.getLocalUfrag(),
                agent.getLocalPassword(), stream.getRemoteUfrag(), stream.getRemotePassword(),
                agent.isControlling(), agent.getTieBreaker(), localCandidate.getPriority());
        Optional<OwnRelay> relay = Optional.empty();
        InetSocketAddress local = localCandidate.getBase().getTransportAddress();
        if (isRelay(localCandidate)) {
            relay = OwnRelay.of((RelayedCandidate) localCandidate, component, config.turnServers());
            if (relay.isEmpty()) {
                return Optional.empty();
            }
            local = relay.get().hostAddress();
            // ice4j releases an allocation, when it closes its relayed socket, through the socket the allocation was
            // made from: closed first, that socket cannot carry the release, and the allocation lives on for us.
            relay.get().host().getCandidateIceSocketWrapper().close();
        }
        closeRelayedSockets();
        agent.free();
        try {
            if (relay.isPresent()) {
                TurnServer server = relay.get().server();
                TurnChannelTransport turn = TurnChannelTransport.open(local, server.address(), server.username(),
                        server.password(), remote);
                ownPath = SelectedUdpPath.overRelay(turn, remote, credentials);
                relayRefreshes = TIMERS.scheduleWithFixedDelay(() -> TAKEOVERS.execute(turn::refresh),
                        TurnChannelTransport.REFRESH_INTERVAL.toMillis(),
                        TurnChannelTransport.REFRESH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                ownPath = SelectedUdpPath.bind(local, remote, credentials);
            }
        } catch (IOException | RuntimeException e) {
            pathLost = true;
            consentWatch.cancel(false);
            String reason = (relay.isPresent() ? "cannot take over the selected path's TURN allocation from " + local
                    : "cannot bind the selected path's address " + local + " again") + ": " + e.getMessage();
            TIMERS.execute(() -> pathListener.onPathLost(reason));
            return Optional.empty();
        }
        consentChecks = TIMERS.scheduleWithFixedDelay(ownPath::sendConsentCheck, 0,
                Ice4jDefaults.CONSENT_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(ownPath);
    }

    /**
     * The type of our end of {@code selected} as the peer sees it. ice4j may select the pair a check was sent or
     * received on, whose local candidate is a host candidate even when the answers to our checks on it showed the
     * peer another address (our NAT's); the valid pair made from those answers has the reflexive candidate, and a
     * path through our NAT is no host path.
     */
    private CandidateType localTypeAsSeen(CandidatePair selected) {
        CandidateType type = Ice4jCandidates.typeOf(selected.getLocalCandidate().getType());
        if (type != CandidateType.HOST) {
            return type;
        }
        LocalCandidate base = selected.getLocalCandidate().getBase();
        return validPairs.stream()
                .filter(valid -> valid.getRemoteCandidate().getTransportAddress()
                        .equals(selected.getRemoteCandidate().getTransportAddress()))
                .filter(valid -> valid.getLocalCandidate().getBase() == base)
                .map(valid -> Ice4jCandidates.typeOf(valid.getLocalCandidate().getType()))
                .filter(seen -> seen != CandidateType.HOST)
                .findFirst().orElse(type);
    }

    /**
     * ice4j sends the consent checks (RFC 7675) and stamps the pair on each answer, or after a takeover our own
     * path does; we judge the stamp. Once consent is lost, our own path stops its checks and closes: RFC 7675 5.1
     * lets nothing more be sent on a pair without consent, and its port is free again before anyone hears of it.
     */
    private void checkConsent(CandidatePair pair, long selectedAt) {
        SelectedUdpPath own = ownPath;
        long lastConsent = Math.max(selectedAt, own != null ? own.lastConsentMillis() : pair.getConsentFreshness());
        long silentMillis = System.currentTimeMillis() - lastConsent;
        if (silentMillis > config.pathTimeout().toMillis()) {
            synchronized (this) {
                if (pathLost) {
                    return;
                }
                pathLost = true;
                consentWatch.cancel(false);
                if (consentChecks != null) {
                    consentChecks.cancel(false);
                }
                if (relayRefreshes != null) {
                    relayRefreshes.cancel(false);
                }
                if (ownPath != null) {
                    ownPath.close();
                }
            }
            pathListener.onPathLost("no consent (RFC 7675) on the selected path for " + silentMillis
                    + " ms (pathTimeout " + config.pathTimeout().toMillis() + " ms)");
        }
    }

    /** Stops checks and consent, releases every socket and TURN allocation. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        connected.completeExceptionally(new IceFailedException("session closed"));
        if (consentWatch != null) {
            consentWatch.cancel(false);
        }
        if (consentChecks != null) {
            consentChecks.cancel(false);
        }
        if (relayRefreshes != null) {
            relayRefreshes.cancel(false);
        }
        if (ownPath != null) {
            ownPath.close();
        }
        closeRelayedSockets();
        agent.free();
    }

    /**
     * Works around a deadlock in ice4j's {@code Agent.free()}: it closes a relayed candidate's socket while holding
     * the STUN stack's connector lock, and that socket's send thread takes the connector lock while holding the
     * socket's send queue, so a close deadlocks whenever a datagram is on its way to the TURN server (in the NAT
     * lab: now and then after ICE alone, within a few closes while data flows; see IceSessionCloseTest). Closed
     * first, holding nothing, the sockets let their send threads finish; ice4j's own close then finds them closed
     * and returns at once.
     */
    private void closeRelayedSockets() {
        for (LocalCandidate candidate : component.getLocalCandidates()) {
            if (candidate instanceof RelayedCandidate relayed) {
                relayed.getCandidateIceSocketWrapper().close();
            }
        }
    }
}
