package im.tandem.client.jingle.session;

/** What can happen to a session: a Jingle action sent or received, or the signalling path failing. */
public enum SessionEvent {
    SEND_INITIATE,
    RECEIVE_INITIATE,
    SEND_ACCEPT,
    RECEIVE_ACCEPT,
    /** Trickled candidates (XEP-0176) going out. */
    SEND_TRANSPORT_INFO,
    /** Trickled candidates coming in. */
    RECEIVE_TRANSPORT_INFO,
    /** An empty session-info, XEP-0166's liveness check. */
    RECEIVE_PING,
    SEND_TERMINATE,
    RECEIVE_TERMINATE,
    /** One of our requests got an error or no answer, the peer went offline, or our server connection closed. */
    SIGNALLING_FAILED
}
