package im.tandem.client.jingle.session;

import java.util.Optional;
import java.util.function.BiConsumer;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.id.StandardStanzaIdSource;
import org.jivesoftware.smackx.jingle.Role;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.policy.PeerPolicy;

/**
 * What every Jingle session is, whatever its application: who takes part (the key, our role, initiator and
 * responder, the one content's name), where it stands (the XEP-0166 {@link SessionStateMachine}), and how it
 * speaks (requests addressed to the peer, session-terminate, the contact rule). The XML stream and the file
 * sessions each hold one; not thread-safe, it is guarded by its session's lock.
 */
public final class SessionBase {
    private final SessionKey key;
    private final Role role;
    private final FullJid localJid;
    private final String contentName;
    private final JingleSignalling signalling;
    private final PeerPolicy policy;
    private final Runnable onTerminated;
    private final SessionStateMachine machine = new SessionStateMachine();

    private SessionBase(SessionKey key, Role role, String contentName, JingleSignalling signalling, PeerPolicy policy,
            Runnable onTerminated) {
        this.key = key;
        this.role = role;
        this.localJid = signalling.localJid();
        this.contentName = contentName;
        this.signalling = signalling;
        this.policy = policy;
        this.onTerminated = onTerminated;
    }

    /**
     * A session with {@code key.peer()} in which we are {@code role}.
     *
     * @param onTerminated run when the state machine reaches {@link SessionState#TERMINATED}, before anything else
     *                     hears of it, so that the session leaves its table first
     */
    public static SessionBase of(SessionKey key, Role role, String contentName, JingleSignalling signalling,
            PeerPolicy policy, Runnable onTerminated) {
        return new SessionBase(key, role, contentName, signalling, policy, onTerminated);
    }

    public SessionKey key() {
        return key;
    }

    public FullJid peer() {
        return key.peer();
    }

    public Role role() {
        return role;
    }

    public FullJid initiator() {
        return role == Role.initiator ? localJid : key.peer();
    }

    public FullJid responder() {
        return role == Role.initiator ? key.peer() : localJid;
    }

    public String contentName() {
        return contentName;
    }

    public SessionState state() {
        return machine.state();
    }

    /** Whether {@code event} would be allowed now. */
    public boolean allows(SessionEvent event) {
        return machine.allows(event);
    }

    /**
     * Moves the state by {@code event}.
     *
     * @throws IllegalTransitionException when the table does not allow it now; the state is unchanged
     */
    public SessionState fire(SessionEvent event) {
        SessionState to = machine.fire(event);
        if (to == SessionState.TERMINATED) {
            onTerminated.run();
        }
        return to;
    }

    /** Checks a request against the state before it is applied, without moving. */
    public void requireAllowed(SessionEvent event) {
        if (!machine.allows(event)) {
            throw new IllegalTransitionException(machine.state(), event);
        }
    }

    /** Whether the peer may still hear from this session: mutual contacts only. */
    public boolean peerIsContact() {
        return policy.mayConnectDirectly(key.peer().asBareJid());
    }

    /** @throws DirectSessionRefusedException unless the peer is a mutual contact */
    public void requireContact() throws DirectSessionRefusedException {
        if (!peerIsContact()) {
            throw new DirectSessionRefusedException(key.peer().asBareJid());
        }
    }

    /** A request of this session to the peer, to be completed with its contents or reason. */
    public Jingle.Builder request(JingleAction action) {
        return Jingle.builder(StandardStanzaIdSource.DEFAULT.getNewStanzaId())
                .to(key.peer())
                .setAction(action)
                .setSessionId(key.sid())
                .setInitiator(initiator());
    }

    /** The session's one content, created by the initiator, to be completed with its parts. */
    public JingleContent.Builder content() {
        return JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName(contentName);
    }

    /** Sends {@code request}; {@code onFailure} hears of one the peer rejects or never answers, with its action. */
    public void send(Jingle request, BiConsumer<JingleAction, Exception> onFailure) {
        signalling.request(request, failure -> onFailure.accept(request.getAction(), failure));
    }

    /**
     * Sends session-terminate, once the session has moved by {@link SessionEvent#SEND_TERMINATE} (or ended for a
     * failure the peer should hear of). It is over for us then (XEP-0166 §6.7): whatever the peer answers changes
     * nothing, so its answer is not waited for.
     */
    public void sendTerminate(JingleReason.Reason reason, String text) {
        signalling.request(request(JingleAction.session_terminate)
                .setReason(new JingleReason(reason, text.isEmpty() ? null : text, null)).build(), failure -> { });
    }

    /** The reason a failed request of ours ends its session with. */
    public static JingleReason.Reason reasonFor(Exception failure) {
        return failure instanceof SmackException.NoResponseException
                ? JingleReason.Reason.timeout : JingleReason.Reason.general_error;
    }

    /** What a failed request of ours came to, for the session's end and the peer. */
    public static String describe(JingleAction action, Exception failure) {
        String what = failure instanceof XMPPException.XMPPErrorException error
                ? "the peer answered <" + error.getStanzaError().getCondition() + "/>"
                        + Optional.ofNullable(error.getStanzaError().getDescriptiveText()).map(t -> ": " + t)
                                .orElse("")
                : failure.toString();
        return action + " failed: " + what;
    }
}
