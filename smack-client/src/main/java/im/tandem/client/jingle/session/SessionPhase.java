package im.tandem.client.jingle.session;

/** The three states XEP-0166 §5 names, plus the moment before anything was sent or received. */
public enum SessionPhase {
    /** Created, nothing exchanged yet. */
    NONE,
    /** Initiated, not yet accepted. */
    PENDING,
    /** Accepted; transport negotiation and data may flow. */
    ACTIVE,
    /** Terminated by either side or by a failure; never left again. */
    ENDED
}
