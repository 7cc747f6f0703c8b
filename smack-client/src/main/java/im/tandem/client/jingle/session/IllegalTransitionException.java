package im.tandem.client.jingle.session;

/**
 * An event the transition table does not allow in the session's current state: a local caller's mistake (for
 * example accepting twice), or a peer's request out of order, which is answered with {@code <out-of-order/>}.
 */
public final class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final SessionState state;
    private final SessionEvent event;

    public IllegalTransitionException(SessionState state, SessionEvent event) {
        super(event + " is not allowed in state " + state);
        this.state = state;
        this.event = event;
    }

    public SessionState state() {
        return state;
    }

    public SessionEvent event() {
        return event;
    }
}
