package im.tandem.client.jingle.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.policy.PeerPolicy;

/**
 * All Jingle sessions of one account, independent of how stanzas travel: create outgoing sessions, answer
 * incoming requests, end sessions when the signalling path goes away. Sessions leave this registry when they end,
 * so that a late request for them gets {@code <unknown-session/>}, as XEP-0166 §6.7 requires.
 */
public final class JingleSessions {
    private static final Logger LOG = Logger.getLogger(JingleSessions.class.getName());
    /** XEP-0247's example name for the one content of an XML stream session. */
    static final String CONTENT_NAME = "xmlstream";
    /** Until the application installs a handler, offers are declined rather than left pending. */
    static final String NOT_ACCEPTING = "not accepting direct sessions";

    private final JingleSignalling signalling;
    private final PeerPolicy policy;
    private final JingleRequestRouter router = new JingleRequestRouter(this);
    private final JingleApplications applications = new JingleApplications();
    private final ConcurrentMap<SessionKey, JingleSession> sessions = new ConcurrentHashMap<>();
    private volatile IncomingSessionHandler incomingHandler =
            (session, offer) -> session.terminate(JingleReason.Reason.decline, NOT_ACCEPTING);

    public JingleSessions(JingleSignalling signalling, PeerPolicy policy) {
        this.signalling = Objects.requireNonNull(signalling, "signalling");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Who decides about offers from mutual contacts; offers from anyone else are declined before it is asked. */
    public void setIncomingSessionHandler(IncomingSessionHandler handler) {
        this.incomingHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Offers {@code peer} a direct session. The listener is in place before the offer leaves, so it sees every
     * answer. Returns at once: the session is in {@link SessionState#SENT_INITIATE} and the listener hears the rest.
     *
     * @throws DirectSessionRefusedException if the peer is not a mutual contact; nothing is sent
     */
    public JingleSession initiate(FullJid peer, IceUdpTransport offer, JingleSessionListener listener)
            throws DirectSessionRefusedException {
        JingleSession session = JingleSession.outgoing(new SessionKey(peer, SessionIds.next()), CONTENT_NAME,
                signalling, policy, this::forget);
        session.addListener(listener);
        sessions.put(session.key(), session);
        try {
            session.start(offer);
        } catch (DirectSessionRefusedException e) {
            forget(session);
            throw e;
        }
        return session;
    }

    /** Hands the requests of another Jingle application (see {@link JingleApplication}) to it. */
    public void addApplication(JingleApplication application) {
        applications.add(Objects.requireNonNull(application, "application"));
    }

    /** Whether a session with this application ({@code <description/>} namespace) would be taken up here. */
    public boolean supports(String applicationNamespace) {
        return XmlStreamDescription.NAMESPACE.equals(applicationNamespace)
                || applications.all().stream().anyMatch(app -> app.namespace().equals(applicationNamespace));
    }

    /**
     * Answers an incoming Jingle request (a {@code Jingle} or a {@code RejectedJingle}), or lets the application
     * it belongs to answer it. Never throws: our own failure is answered with {@code <internal-server-error/>}.
     */
    public JingleReply handle(IQ request) {
        try {
            Optional<JingleApplication> application = applications.of(request);
            return application.isPresent() ? application.get().handle(request) : router.handle(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed to handle a Jingle request from " + request.getFrom(), e);
            return JingleReply.of(JingleErrors.internalError(request));
        }
    }

    public Optional<JingleSession> find(SessionKey key) {
        return Optional.ofNullable(sessions.get(key));
    }

    /** The sessions that have not ended. */
    public List<JingleSession> live() {
        return List.copyOf(sessions.values());
    }

    /** The peer's resource went offline: its sessions are gone (XEP-0166 §6.7 allows this reading). */
    public void peerWentOffline(FullJid peer) {
        applications.all().forEach(application -> application.peerWentOffline(peer));
        for (JingleSession session : live()) {
            if (session.peer().equals(peer)) {
                session.signallingFailed(JingleReason.Reason.gone, peer + " went offline", SessionEnd.Side.PEER);
            }
        }
    }

    /** Our server connection closed: no session can be signalled any more. */
    public void connectionLost() {
        applications.all().forEach(JingleApplication::connectionLost);
        for (JingleSession session : live()) {
            session.signallingFailed(JingleReason.Reason.connectivity_error, "the server connection closed",
                    SessionEnd.Side.LOCAL);
        }
    }

    PeerPolicy policy() {
        return policy;
    }

    /** Registers a session the peer offered, or returns null if that peer already has a session with that sid. */
    JingleSession createIncoming(SessionKey key, String contentName) {
        JingleSession session = JingleSession.incoming(key, contentName, signalling, policy, this::forget);
        return sessions.putIfAbsent(key, session) == null ? session : null;
    }

    /** Hands an acknowledged offer to the application; a failing handler ends the session instead of leaving it. */
    void offer(JingleSession session, IceUdpTransport offer) {
        try {
            incomingHandler.offered(session, offer);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the incoming-session handler failed on " + session, e);
            session.terminate(JingleReason.Reason.general_error, "the client failed to handle the offer");
        }
    }

    private void forget(JingleSession session) {
        sessions.remove(session.key(), session);
    }
}
