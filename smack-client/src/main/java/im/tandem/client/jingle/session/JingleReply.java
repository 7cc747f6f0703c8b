package im.tandem.client.jingle.session;

import org.jivesoftware.smack.packet.IQ;

/**
 * The answer to a Jingle request, and what to do once it is sent. XEP-0166 wants a session-initiate acknowledged
 * before the responder's next move (accept or terminate), so that move waits in {@code afterwards}.
 */
public record JingleReply(IQ response, Runnable afterwards) {
    /** A reply with nothing to do afterwards. */
    public static JingleReply of(IQ response) {
        return new JingleReply(response, () -> { });
    }
}
