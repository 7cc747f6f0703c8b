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
    /** A session-info with an application's payload, such as XEP-0234's checksum. */
    RECEIVE_SESSION_INFO,
    /** transport-replace: one side proposes another transport for the content (XEP-0166 §7.2.15). */
    SEND_TRANSPORT_REPLACE,
    RECEIVE_TRANSPORT_REPLACE,
    /** transport-accept and transport-reject: the answer to a transport-replace. */
    SEND_TRANSPORT_ACCEPT,
    RECEIVE_TRANSPORT_ACCEPT,
    SEND_TRANSPORT_REJECT,
    RECEIVE_TRANSPORT_REJECT,
    SEND_TERMINATE,
    RECEIVE_TERMINATE,
    /** One of our requests got an error or no answer, the peer went offline, or our server connection closed. */
    SIGNALLING_FAILED
}
