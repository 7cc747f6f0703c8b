package im.tandem.client.jingle.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.policy.PeerPolicy;

/**
 * All Jingle sessions of one account, of every application, independent of how stanzas travel: one table, one
 * {@link JingleRouter} for the requests, and the end of every session when the signalling path goes away.
 * Sessions leave the table when they end, so that a late request for them gets {@code <unknown-session/>}, as
 * XEP-0166 §6.7 requires.
 */
public final class JingleSessions {
    private static final Logger LOG = Logger.getLogger(JingleSessions.class.getName());
    /** Told to anyone who is not a mutual contact, by every application; says why without revealing anything. */
    public static final String NOT_A_CONTACT = "direct sessions and files are only for mutual contacts";

    private final JingleSignalling signalling;
    private final PeerPolicy policy;
    private final JingleRouter router = new JingleRouter(this);
    private final List<JingleApplication> applications = new CopyOnWriteArrayList<>();
    private final JingleApplication unsupported = new UnsupportedApplication(this);
    private final ConcurrentMap<SessionKey, RoutedSession> sessions = new ConcurrentHashMap<>();

    public JingleSessions(JingleSignalling signalling, PeerPolicy policy) {
        this.signalling = Objects.requireNonNull(signalling, "signalling");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Offers whose first content carries the application's description go to it from now on. */
    public void addApplication(JingleApplication application) {
        applications.add(Objects.requireNonNull(application, "application"));
    }

    /** Whether a session with this application ({@code <description/>} namespace) would be taken up here. */
    public boolean supports(String applicationNamespace) {
        return applications.stream().anyMatch(application -> application.namespace().equals(applicationNamespace));
    }

    /**
     * Answers an incoming Jingle request (a {@code Jingle} or a {@code RejectedJingle}). Never throws: our own
     * failure is answered with {@code <internal-server-error/>}.
     */
    public JingleReply handle(IQ request) {
        try {
            return router.handle(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed to handle a Jingle request from " + request.getFrom(), e);
            return JingleReply.of(JingleErrors.internalError(request));
        }
    }

    /**
     * Adds a session we are about to offer, so that the peer's answers find it.
     *
     * @throws IllegalStateException if a session with its key exists (session ids are random: a bug)
     */
    public void register(RoutedSession session) {
        if (sessions.putIfAbsent(session.key(), session) != null) {
            throw new IllegalStateException("a session " + session.key() + " already exists");
        }
    }

    /** Removes an ended session; a later session that happens to reuse its key stays. */
    public void forget(RoutedSession session) {
        sessions.remove(session.key(), session);
    }

    public Optional<RoutedSession> find(SessionKey key) {
        return Optional.ofNullable(sessions.get(key));
    }

    /** The sessions that have not ended, of every application. */
    public List<RoutedSession> live() {
        return List.copyOf(sessions.values());
    }

    /** The peer's resource went offline: its sessions are gone (XEP-0166 §6.7 allows this reading). */
    public void peerWentOffline(FullJid peer) {
        for (RoutedSession session : live()) {
            if (session.key().peer().equals(peer)) {
                session.signallingFailed(JingleReason.Reason.gone, peer + " went offline", SessionEnd.Side.PEER);
            }
        }
    }

    /** Our server connection closed: no session can be signalled any more. */
    public void connectionLost() {
        for (RoutedSession session : live()) {
            session.signallingFailed(JingleReason.Reason.connectivity_error, "the server connection closed",
                    SessionEnd.Side.LOCAL);
        }
    }

    public JingleSignalling signalling() {
        return signalling;
    }

    public PeerPolicy policy() {
        return policy;
    }

    /** The application whose description the offer's first content carries; one that refuses it otherwise. */
    JingleApplication applicationFor(Jingle offer) {
        List<JingleContent> contents = offer.getContents();
        if (contents.isEmpty() || contents.get(0).getDescription() == null) {
            return unsupported;
        }
        String namespace = contents.get(0).getDescription().getNamespace();
        return applications.stream().filter(application -> application.namespace().equals(namespace)).findFirst()
                .orElse(unsupported);
    }

    /** A plain Jingle session for the peer's offer, named by its first content; the router registers it. */
    JingleSession newIncoming(SessionKey key, Jingle offer) {
        return JingleSession.incoming(key, offer.getContents().get(0).getName(), signalling, policy, this::forget);
    }

    /** Adds a session the peer offered, unless that peer already has one with that sid. */
    boolean registerIncoming(RoutedSession session) {
        return sessions.putIfAbsent(session.key(), session) == null;
    }

    /** Every application's namespace, for the peer who offered something else. */
    List<String> namespaces() {
        return applications.stream().map(JingleApplication::namespace).toList();
    }
}
