package im.tandem.client.direct;

/**
 * One try at a direct session, ours or the peer's. It reports to its conversation exactly once, with a link or a
 * failure, unless it is cancelled first.
 */
interface Attempt {
    /** True if we sent the session-initiate, false if the peer did. */
    boolean outgoing();

    /** Gives up: ends the Jingle session (if any) with this reason and releases what was set up. */
    void cancel(String reason);
}
