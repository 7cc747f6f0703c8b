package im.tandem.client.jingle.session;

/**
 * Where a session is. XEP-0166's PENDING is split by role, because what may happen next differs: only the
 * initiator can receive an accept, only the responder can send one. {@link SessionTransitions} lists every
 * allowed move between these states.
 */
public enum SessionState {
    /** Not yet initiated. */
    NULL(SessionPhase.NONE),
    /** Initiator: session-initiate sent, waiting for session-accept. */
    SENT_INITIATE(SessionPhase.PENDING),
    /** Responder: session-initiate received and acknowledged, our answer pending. */
    RECEIVED_INITIATE(SessionPhase.PENDING),
    /** session-accept sent (responder) or received (initiator). */
    ACCEPTED(SessionPhase.ACTIVE),
    /** Ended; the session's {@link SessionEnd} says by whom and why. */
    TERMINATED(SessionPhase.ENDED);

    private final SessionPhase phase;

    SessionState(SessionPhase phase) {
        this.phase = phase;
    }

    /** The XEP-0166 state this belongs to. */
    public SessionPhase phase() {
        return phase;
    }
}
