package im.tandem.client.ice;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.channel.ChannelHandshakeException;
import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.IcePath;
import im.tandem.ice.session.IceSession;

/**
 * Our side of an ICE-UDP transport (XEP-0176) carrying ice-bridge's encrypted channel, authenticated by the
 * certificate fingerprints the two sides exchange (XEP-0320): the ICE session and the channel identity, from
 * gathering to the open channel. Direct chat and file transfer both set their direct path up with it, and keep
 * only their Jingle handling and what runs over the channel.
 *
 * <pre>
 * offerer:  offering() → gather (setup actpass) → send the offer → readPeer(answer) → connect → openChannel
 * answerer: answering() → readPeer(offer) → gather (setup per the offer) → send the answer → connect → openChannel
 * </pre>
 *
 * The peer's candidates may come at any time after it is created: those that come before both our ICE session and
 * the peer's credentials exist are kept until they do. Thread-safe; gathering and the channel handshake block, but
 * never while holding the lock that adding candidates takes, since Jingle callbacks add them.
 */
public final class IceChannelSetup implements IcePeering, Closeable {
    private static final Logger LOG = Logger.getLogger(IceChannelSetup.class.getName());

    private final DtlsRoles.Side side;
    /** The peer's transports not yet given to ICE, oldest first. */
    private final List<IceUdpTransport> pending = new ArrayList<>();
    private IceSession ice;
    private ChannelIdentity identity;
    private PeerTransport peer;
    private boolean peerGivenToIce;
    private boolean closed;

    private IceChannelSetup(DtlsRoles.Side side) {
        this.side = side;
    }

    /** For the side that offers the transport: it gathers first, and reads the peer's answer after. */
    public static IceChannelSetup offering() {
        return new IceChannelSetup(DtlsRoles.Side.OFFERER);
    }

    /** For the side that answers an offered transport: it reads the offer first, then gathers. */
    public static IceChannelSetup answering() {
        return new IceChannelSetup(DtlsRoles.Side.ANSWERER);
    }

    /**
     * Gathers our candidates and makes the channel key (blocking for up to the gather timeout).
     *
     * @return our transport, to send in the offer or the answer
     * @throws IOException if ICE cannot gather, or the set-up is closed
     */
    public IceUdpTransport gather(IceConfig config) throws IOException {
        DtlsSetup setup;
        synchronized (this) {
            if (closed) {
                throw new IOException("the ICE set-up was closed");
            }
            if (side == DtlsRoles.Side.ANSWERER && peer == null) {
                throw new IllegalStateException("an answer is gathered after the offer is read");
            }
            setup = side == DtlsRoles.Side.OFFERER ? DtlsRoles.OFFER : peer.ourSetup();
            if (ice != null) {
                throw new IllegalStateException("the candidates were already gathered");
            }
        }
        IceSession created = IceSession.create(config);
        ChannelIdentity generated = ChannelIdentity.generate();
        synchronized (this) {
            if (closed) {
                created.close();
                throw new IOException("the ICE set-up was closed while gathering");
            }
            ice = created;
            identity = generated;
            givePeerToIce();
            return IceUdpConversion.toTransport(ice.localDescription(), identity.fingerprint(), setup);
        }
    }

    /**
     * Reads the peer's first transport, its offer or its answer: its ICE credentials, its certificate fingerprint and
     * its setup, which decide our setup (in an answer) and our TLS role. Its candidates go to ICE as any others.
     *
     * @throws UnusableTransportException saying what is missing or wrong
     */
    @Override
    public synchronized void readPeer(IceUdpTransport first) throws UnusableTransportException {
        if (peer != null) {
            throw new IllegalStateException("the peer's first transport was already read");
        }
        peer = PeerTransport.read(first, side);
        pending.add(0, first);
        givePeerToIce();
    }

    /** Whether the peer's first transport has been read. */
    @Override
    public synchronized boolean peerRead() {
        return peer != null;
    }

    /** The peer's candidates from a later transport (trickled in a transport-info). */
    @Override
    public synchronized void addCandidates(IceUdpTransport transport) {
        if (closed) {
            return;
        }
        pending.add(transport);
        givePeerToIce();
    }

    /**
     * Starts the connectivity checks, after {@link #gather} and {@link #readPeer}. The Jingle session's initiator
     * controls ICE, whichever side offered this transport.
     *
     * @return completes with the selected path, or fails when ICE finds none
     */
    @Override
    public CompletableFuture<IcePath> connect(boolean jingleInitiator) {
        IceSession session;
        synchronized (this) {
            session = ice;
        }
        return session.connect(jingleInitiator ? IceSession.Role.CONTROLLING : IceSession.Role.CONTROLLED);
    }

    /**
     * Runs the channel handshake on the selected path, blocking for up to its timeout.
     *
     * @param onFailure told if the channel fails once open
     */
    public Channel openChannel(IcePath path, ChannelConfig config, Channel.FailureListener onFailure)
            throws ChannelHandshakeException {
        ChannelIdentity ours;
        PeerTransport theirs;
        synchronized (this) {
            ours = identity;
            theirs = peer;
        }
        return Channel.open(path.transport(), ours, theirs.fingerprint(), theirs.channelRole(), config, onFailure);
    }

    /** Told once if consent on the selected path lapses; set after {@link #gather}. */
    public void onPathLost(IceSession.PathListener listener) {
        IceSession session;
        synchronized (this) {
            session = ice;
        }
        session.setPathListener(listener);
    }

    /** Releases the ICE session, now or, if it is still gathering, as soon as it exists. Idempotent. */
    @Override
    public void close() {
        IceSession toClose;
        synchronized (this) {
            closed = true;
            toClose = ice;
            pending.clear();
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** Once our ICE session and the peer's credentials both exist, hands ICE the credentials and what is pending. */
    private void givePeerToIce() {
        if (closed || ice == null || peer == null) {
            return;
        }
        if (!peerGivenToIce) {
            ice.setRemoteCredentials(peer.credentials().ufrag(), peer.credentials().pwd());
            peerGivenToIce = true;
        }
        pending.forEach(this::addToIce);
        pending.clear();
    }

    /** A candidate ICE refuses is skipped: the others may still make a path. */
    private void addToIce(IceUdpTransport transport) {
        for (IceUdpCandidate candidate : transport.candidates()) {
            try {
                ice.addRemoteCandidate(IceUdpConversion.fromElement(candidate));
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.log(Level.FINE, "skipping the peer's candidate " + candidate, e);
            }
        }
    }
}
