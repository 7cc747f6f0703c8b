package im.tandem.client.jingle.session;

/**
 * A session's current state, changed only through {@link SessionTransitions}. Not thread-safe: its session
 * guards it.
 */
public final class SessionStateMachine {
    private SessionState state = SessionState.NULL;

    public SessionState state() {
        return state;
    }

    /** Whether {@code event} would be allowed now. */
    public boolean allows(SessionEvent event) {
        return SessionTransitions.next(state, event).isPresent();
    }

    /**
     * Moves to the state {@code event} leads to.
     *
     * @return the new state
     * @throws IllegalTransitionException when the table does not allow the event now; the state is unchanged
     */
    public SessionState fire(SessionEvent event) {
        state = SessionTransitions.next(state, event).orElseThrow(() -> new IllegalTransitionException(state, event));
        return state;
    }
}
