package im.tandem.client.jingle.session;

import im.tandem.client.jingle.element.IceUdpTransport;

/**
 * Follows one session. Called on the signalling threads, in order, with the session locked: implementations must
 * not block (hand long work to another thread) but may call back into the session.
 */
public interface JingleSessionListener {
    /** The session moved from one state to another. */
    default void stateChanged(JingleSession session, SessionState from, SessionState to) {
    }

    /**
     * The peer sent transport information: its answer in session-accept, or candidates trickled in transport-info.
     * (The offer in session-initiate goes to the {@link IncomingSessionHandler}.)
     */
    default void remoteTransport(JingleSession session, IceUdpTransport transport) {
    }
}
