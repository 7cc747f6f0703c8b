package im.tandem.client.file.transport.s5b;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Client;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Utils;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jxmpp.jid.Jid;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;
import im.tandem.client.file.element.S5bSignal;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;

/**
 * XEP-0260 for one session. Both parties offer candidates, each connects to the other's (highest priority first,
 * SOCKS5 with DST.ADDR = SHA-1(sid + offerer + user)) and reports candidate-used or candidate-error; once both
 * reported, {@link S5bNomination} picks the candidate. A proxy candidate is then activated (XEP-0065) by the party
 * that offered it, which tells the other with {@code <activated/>}.
 *
 * <p>We offer only our server's proxies, never a SOCKS5 server of our own. As responder we leave out a proxy the
 * initiator already offered (XEP-0260 forbids offering the same host and port) and rank ours just below the
 * initiator's proxies: when both parties reach a proxy, the initiator's wins, so the file sender is the party that
 * activates — some proxies (Openfire's) relay only from the activating connection to the waiting one.
 *
 * <p>Of the peer's candidates we try only those its {@link CandidateFilter} keeps (our server's proxies, and the
 * peer's own hosts only where the user allowed direct connections), and none once the negotiation is closed.
 */
final class S5bNegotiation implements TransportNegotiation {
    private static final Logger LOG = Logger.getLogger(S5bNegotiation.class.getName());

    private final NegotiationContext context;
    private final CandidateFilter filter;
    private final String sid;
    private final List<S5bCandidate> ours;
    private final CompletableFuture<BytePipe> pipe = new CompletableFuture<>();
    // Guarded by this.
    private List<S5bCandidate> theirs = List.of();
    private String theirDstaddr;
    private boolean started;
    private Report ourReport;
    private Report theirReport;
    private S5bCandidate nominated;
    private Socket connected;
    private boolean closed;

    /**
     * @param filter which of the peer's candidates we may connect to
     * @param ours   the candidates we offer
     */
    S5bNegotiation(NegotiationContext context, CandidateFilter filter, String sid, List<S5bCandidate> ours) {
        this.context = context;
        this.filter = filter;
        this.sid = sid;
        this.ours = List.copyOf(ours);
    }

    @Override
    public TransportMethod method() {
        return TransportMethod.S5B;
    }

    @Override
    public S5bTransport local() {
        return S5bTransport.candidates(sid, digest(context.local(), context.peer()), ours);
    }

    @Override
    public synchronized void start(JingleContentTransport remote) throws BadTransportException {
        S5bTransport transport = require(remote);
        if (!S5bTransport.MODE_TCP.equals(transport.mode())) {
            throw new BadTransportException("only mode 'tcp' carries a file; got '" + transport.mode() + "'");
        }
        if (started) {
            throw new BadTransportException("the SOCKS5 candidates were already exchanged");
        }
        started = true;
        theirs = filter.usable(transport.s5bCandidates().stream()
                .sorted(Comparator.comparingLong(S5bCandidate::priority).reversed()).toList());
        theirDstaddr = transport.dstaddr().orElse(null);
        context.executor().execute(this::connectToTheirs);
    }

    @Override
    public synchronized void info(JingleContentTransport info) throws BadTransportException {
        S5bTransport transport = require(info);
        Optional<S5bSignal> signal = transport.signal();
        if (signal.isEmpty()) {
            return; // candidates trickled after the offer: we already try the ones offered, which suffices
        }
        if (signal.get() instanceof S5bSignal.CandidateUsed used) {
            S5bCandidate candidate = ours.stream().filter(c -> c.cid().equals(used.cid())).findFirst()
                    .orElseThrow(() -> new BadTransportException("we offered no SOCKS5 candidate '" + used.cid() + "'"));
            theirReport = new Report(Optional.of(candidate));
        } else if (signal.get() instanceof S5bSignal.CandidateError) {
            theirReport = new Report(Optional.empty());
        } else if (signal.get() instanceof S5bSignal.Activated activated) {
            if (nominated == null || !nominated.cid().equals(activated.cid()) || connected == null) {
                throw new BadTransportException("candidate '" + activated.cid() + "' is not the one awaiting "
                        + "activation");
            }
            ready(connected);
            return;
        } else if (signal.get() instanceof S5bSignal.ProxyError) {
            fail("the peer could not use the nominated SOCKS5 proxy");
            return;
        }
        nominate();
    }

    @Override
    public CompletableFuture<BytePipe> pipe() {
        return pipe;
    }

    @Override
    public void close() {
        Socket socket;
        synchronized (this) {
            closed = true;
            socket = connected;
        }
        if (!pipe.completeExceptionally(new IOException("the SOCKS5 negotiation was closed"))) {
            pipe.thenAccept(BytePipe::close);
        } else if (socket != null) {
            SocketPipe.closeQuietly(socket);
        }
    }

    /**
     * Tries the peer's usable candidates in priority order and reports the first that works, or that none did;
     * stops as soon as the negotiation is closed.
     */
    private void connectToTheirs() {
        List<S5bCandidate> candidates;
        String dstaddr;
        synchronized (this) {
            candidates = theirs;
            dstaddr = theirDstaddr != null ? theirDstaddr : digest(context.peer(), context.local());
        }
        for (S5bCandidate candidate : candidates) {
            synchronized (this) {
                if (closed) {
                    return; // the session ended: no further connection on its behalf
                }
            }
            Optional<Socket> socket = connect(candidate, dstaddr);
            if (socket.isPresent()) {
                reportOurs(Optional.of(candidate), socket.get());
                return;
            }
        }
        reportOurs(Optional.empty(), null);
    }

    private void reportOurs(Optional<S5bCandidate> used, Socket socket) {
        synchronized (this) {
            if (closed) {
                if (socket != null) {
                    SocketPipe.closeQuietly(socket);
                }
                return;
            }
            ourReport = new Report(used);
            connected = socket;
        }
        context.sendInfo().accept(S5bTransport.signal(sid, used.<S5bSignal>map(c -> new S5bSignal.CandidateUsed(c.cid()))
                .orElseGet(S5bSignal.CandidateError::new)));
        synchronized (this) {
            nominate();
        }
    }

    /** Once both parties reported: the nominated candidate, and what each side still has to do. */
    private void nominate() {
        if (nominated != null || ourReport == null || theirReport == null || closed) {
            return;
        }
        Report byInitiator = context.initiator() ? ourReport : theirReport;
        Report byResponder = context.initiator() ? theirReport : ourReport;
        Optional<S5bCandidate> choice = S5bNomination.choose(byInitiator.used(), byResponder.used());
        if (choice.isEmpty()) {
            fail("neither party could connect to a SOCKS5 candidate");
            return;
        }
        nominated = choice.get();
        boolean theirCandidate = ourReport.used().filter(nominated::equals).isPresent();
        if (theirCandidate) {
            if (nominated.type() != S5bCandidateType.PROXY) {
                ready(connected);
            }
            // A proxy of the peer's: its offerer activates it and says so (handled in info).
            return;
        }
        if (connected != null) {
            SocketPipe.closeQuietly(connected);
            connected = null;
        }
        S5bCandidate proxy = nominated;
        context.executor().execute(() -> activate(proxy));
    }

    /** Our proxy won: connect to it ourselves, ask it to join the two connections, then tell the peer. */
    private void activate(S5bCandidate proxy) {
        Optional<Socket> socket = connect(proxy, digest(context.local(), context.peer()));
        if (socket.isEmpty()) {
            proxyFailed("cannot connect to our own SOCKS5 proxy " + proxy.host() + ":" + proxy.port());
            return;
        }
        Bytestream activation = new Bytestream(sid);
        activation.setMode(null);
        activation.setType(IQ.Type.set);
        activation.setTo(proxy.jid());
        activation.setToActivate(context.peer());
        try {
            context.connection().createStanzaCollectorAndSend(activation).nextResultOrThrow();
        } catch (XMPPException | SmackException e) {
            SocketPipe.closeQuietly(socket.get());
            proxyFailed("the proxy " + proxy.jid() + " refused to activate the stream: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SocketPipe.closeQuietly(socket.get());
            return;
        }
        synchronized (this) {
            if (closed) {
                SocketPipe.closeQuietly(socket.get());
                return;
            }
            connected = socket.get();
        }
        context.sendInfo().accept(S5bTransport.signal(sid, new S5bSignal.Activated(proxy.cid())));
        synchronized (this) {
            ready(connected);
        }
    }

    private void proxyFailed(String reason) {
        context.sendInfo().accept(S5bTransport.signal(sid, new S5bSignal.ProxyError()));
        synchronized (this) {
            fail(reason);
        }
    }

    private Optional<Socket> connect(S5bCandidate candidate, String dstaddr) {
        Bytestream.StreamHost host = new Bytestream.StreamHost(candidate.jid(), candidate.host(), candidate.port());
        try {
            return Optional.of(new Socks5Client(host, dstaddr).getSocket(
                    context.settings().s5bConnectTimeoutMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            // Any failure (refused, timed out, wrong SOCKS5 answer) only rules this candidate out.
            LOG.log(Level.FINE, "SOCKS5 " + candidate + " did not connect", e);
            return Optional.empty();
        }
    }

    private void ready(Socket socket) {
        try {
            if (!pipe.complete(new SocketPipe(socket, context.settings().idleTimeoutMillis()))) {
                SocketPipe.closeQuietly(socket);
            }
        } catch (IOException e) {
            SocketPipe.closeQuietly(socket);
            pipe.completeExceptionally(e);
        }
    }

    private void fail(String reason) {
        if (connected != null) {
            SocketPipe.closeQuietly(connected);
            connected = null;
        }
        pipe.completeExceptionally(new IOException(reason));
    }

    /** DST.ADDR of XEP-0065: SHA-1 of sid, the candidate's offerer and the party connecting, in hex. */
    private String digest(Jid offerer, Jid user) {
        return Socks5Utils.createDigest(sid, offerer, user);
    }

    private S5bTransport require(JingleContentTransport transport) throws BadTransportException {
        if (!(transport instanceof S5bTransport s5b)) {
            throw new BadTransportException("expected an " + S5bTransport.NAMESPACE + " transport");
        }
        if (!s5b.sid().equals(sid)) {
            throw new BadTransportException("the SOCKS5 stream id is " + sid + ", got " + s5b.sid());
        }
        return s5b;
    }

    /** Which of the peer's candidates we may connect to: {@link S5bCandidateFilter}, or all of them in tests. */
    interface CandidateFilter {
        /** The candidates to try, from {@code offered} (highest priority first), in the same order. */
        List<S5bCandidate> usable(List<S5bCandidate> offered);
    }

    /** What a party reported: the candidate it connected to, or empty for candidate-error. */
    private record Report(Optional<S5bCandidate> used) {
    }
}
