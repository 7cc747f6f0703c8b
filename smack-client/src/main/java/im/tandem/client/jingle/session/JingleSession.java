package im.tandem.client.jingle.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.jingle.Role;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.policy.PeerPolicy;

/**
 * One Jingle session with one peer: an XML stream application over the ICE-UDP transport. Every change goes
 * through the {@link SessionStateMachine}, so a request that does not fit the current state is refused before
 * anything is sent. All methods are thread-safe.
 *
 * <p>Our candidates reach the peer only while the {@link PeerPolicy} allows it: every request that carries a
 * transport checks the policy again, so removing a contact mid-session stops further candidates.
 */
public final class JingleSession implements RoutedSession {
    private static final Logger LOG = Logger.getLogger(JingleSession.class.getName());

    private final SessionBase base;
    private final List<JingleSessionListener> listeners = new CopyOnWriteArrayList<>();
    private SessionEnd end;

    private JingleSession(SessionKey key, Role role, String contentName, JingleSignalling signalling,
            PeerPolicy policy, Consumer<JingleSession> onEnded) {
        this.base = SessionBase.of(key, role, contentName, signalling, policy, () -> onEnded.accept(this));
    }

    /** A session we are about to offer to {@code key.peer()}; {@link #start} sends the offer. */
    static JingleSession outgoing(SessionKey key, String contentName, JingleSignalling signalling, PeerPolicy policy,
            Consumer<JingleSession> onEnded) {
        return new JingleSession(key, Role.initiator, contentName, signalling, policy, onEnded);
    }

    /** A session {@code key.peer()} offered us, with the content name it chose. */
    static JingleSession incoming(SessionKey key, String contentName, JingleSignalling signalling, PeerPolicy policy,
            Consumer<JingleSession> onEnded) {
        return new JingleSession(key, Role.responder, contentName, signalling, policy, onEnded);
    }

    @Override
    public SessionKey key() {
        return base.key();
    }

    public FullJid peer() {
        return base.peer();
    }

    public String sid() {
        return base.key().sid();
    }

    public Role role() {
        return base.role();
    }

    public FullJid initiator() {
        return base.initiator();
    }

    public FullJid responder() {
        return base.responder();
    }

    @Override
    public String contentName() {
        return base.contentName();
    }

    public synchronized SessionState state() {
        return base.state();
    }

    /** How the session ended, once it has. */
    public synchronized Optional<SessionEnd> end() {
        return Optional.ofNullable(end);
    }

    public void addListener(JingleSessionListener listener) {
        listeners.add(listener);
    }

    /**
     * Accepts a session the peer offered, sending our answer (credentials, fingerprint, first candidates).
     *
     * @throws DirectSessionRefusedException if the peer is no longer a mutual contact; nothing is sent
     * @throws IllegalTransitionException    unless the session is in {@link SessionState#RECEIVED_INITIATE}
     */
    public synchronized void accept(IceUdpTransport answer) throws DirectSessionRefusedException {
        base.requireContact();
        transition(SessionEvent.SEND_ACCEPT);
        send(JingleRequests.accept(base, answer));
    }

    /**
     * Trickles further candidates (XEP-0176 transport-info).
     *
     * @throws DirectSessionRefusedException if the peer is no longer a mutual contact; nothing is sent
     * @throws IllegalTransitionException    once the session has ended
     */
    public synchronized void sendTransportInfo(IceUdpTransport update) throws DirectSessionRefusedException {
        base.requireContact();
        transition(SessionEvent.SEND_TRANSPORT_INFO);
        send(JingleRequests.transportInfo(base, update));
    }

    /**
     * Ends the session and tells the peer why. Does nothing if the session has already ended, so that racing
     * terminations (ours and the peer's, or a failure) are harmless.
     *
     * @param text a short explanation for the peer, or "" for none
     */
    @Override
    public synchronized void terminate(JingleReason.Reason reason, String text) {
        if (!base.allows(SessionEvent.SEND_TERMINATE)) {
            return;
        }
        finish(SessionEvent.SEND_TERMINATE, new SessionEnd(reason, text, SessionEnd.Side.LOCAL));
        base.sendTerminate(reason, text);
    }

    /** Initiator: sends session-initiate with our offer. */
    synchronized void start(IceUdpTransport offer) throws DirectSessionRefusedException {
        base.requireContact();
        transition(SessionEvent.SEND_INITIATE);
        send(JingleRequests.initiate(base, offer));
    }

    @Override
    public synchronized void receivedInitiate() {
        transition(SessionEvent.RECEIVE_INITIATE);
    }

    /** Initiator: the peer accepted with its answer, which must keep the XML stream application. */
    @Override
    public synchronized Runnable receivedAccept(JingleContent content) throws MalformedRequestException {
        if (!(content.getDescription() instanceof XmlStreamDescription)) {
            throw new MalformedRequestException("session-accept must keep the application "
                    + XmlStreamDescription.NAMESPACE);
        }
        IceUdpTransport answer = iceUdp(content, "session-accept");
        transition(SessionEvent.RECEIVE_ACCEPT);
        notifyRemoteTransport(answer);
        return null;
    }

    @Override
    public synchronized Runnable receivedTransportInfo(JingleContent content) throws MalformedRequestException {
        IceUdpTransport update = iceUdp(content, "transport-info");
        transition(SessionEvent.RECEIVE_TRANSPORT_INFO);
        notifyRemoteTransport(update);
        return null;
    }

    /** Only a ping reaches us: no session-info payload means anything to an XML stream session. */
    @Override
    public synchronized void receivedSessionInfo(List<ExtensionElement> payloads) {
        transition(SessionEvent.RECEIVE_PING);
    }

    /** The peer ended the session; a terminate without reason is read as {@code <success/>}. */
    @Override
    public synchronized void receivedTerminate(JingleReason reason) {
        String text = reason == null || reason.getText() == null ? "" : reason.getText();
        finish(SessionEvent.RECEIVE_TERMINATE, new SessionEnd(reason == null ? JingleReason.Reason.success
                : reason.asEnum(), text, SessionEnd.Side.PEER));
    }

    /**
     * The signalling path broke: a request failed, the peer went offline, or our connection closed. Ends the
     * session without a word to the peer; does nothing if it has already ended.
     */
    @Override
    public synchronized void signallingFailed(JingleReason.Reason reason, String text, SessionEnd.Side endedBy) {
        if (!base.allows(SessionEvent.SIGNALLING_FAILED)) {
            return;
        }
        finish(SessionEvent.SIGNALLING_FAILED, new SessionEnd(reason, text, endedBy));
    }

    /** Records how the session ends, then ends it, so that listeners told of TERMINATED can read {@link #end()}. */
    private void finish(SessionEvent event, SessionEnd how) {
        base.requireAllowed(event);
        end = how;
        transition(event);
    }

    private static IceUdpTransport iceUdp(JingleContent content, String action) throws MalformedRequestException {
        if (!(content.getTransport() instanceof IceUdpTransport transport)) {
            throw new MalformedRequestException(action + " must carry an " + IceUdpTransport.NAMESPACE
                    + " transport");
        }
        return transport;
    }

    private void transition(SessionEvent event) {
        SessionState from = base.state();
        SessionState to = base.fire(event);
        if (from != to) {
            for (JingleSessionListener listener : listeners) {
                notifySafely(() -> listener.stateChanged(this, from, to));
            }
        }
    }

    private void notifyRemoteTransport(IceUdpTransport transport) {
        for (JingleSessionListener listener : listeners) {
            notifySafely(() -> listener.remoteTransport(this, transport));
        }
    }

    /** A listener's bug must not break the signalling of this or any other session. */
    private void notifySafely(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a listener of Jingle session " + base.key() + " failed", e);
        }
    }

    /**
     * Sends a request; if the peer rejects it or never answers, the session ends. Unless the failed request was
     * the initiation (the peer then has no session), the peer is told with a session-terminate, best effort.
     */
    private void send(Jingle request) {
        base.send(request, this::requestFailed);
    }

    private synchronized void requestFailed(JingleAction action, Exception failure) {
        if (!base.allows(SessionEvent.SIGNALLING_FAILED)) {
            return;
        }
        JingleReason.Reason reason = SessionBase.reasonFor(failure);
        String text = SessionBase.describe(action, failure);
        LOG.fine(() -> "Jingle session " + base.key() + " ends: " + text);
        signallingFailed(reason, text, SessionEnd.Side.LOCAL);
        if (action != JingleAction.session_initiate) {
            base.sendTerminate(reason, text);
        }
    }

    @Override
    public String toString() {
        return "Jingle session " + base.key().sid() + " with " + base.peer() + " (" + base.role() + ", " + state()
                + ")";
    }
}
