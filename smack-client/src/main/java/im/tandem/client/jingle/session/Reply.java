package im.tandem.client.jingle.session;

import org.jivesoftware.smack.packet.IQ;

/**
 * The answer to a Jingle request, and what to do once it is sent. XEP-0166 wants a session-initiate acknowledged
 * before the responder's next move (accept or terminate), so that move waits in {@code afterwards}.
 */
public record Reply(IQ response, Runnable afterwards) {
    /** A reply with nothing to do afterwards. */
    public static Reply of(IQ response) {
        return new Reply(response, () -> { });
    }
}
