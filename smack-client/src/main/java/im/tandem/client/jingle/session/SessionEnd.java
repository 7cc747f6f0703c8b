package im.tandem.client.jingle.session;

import org.jivesoftware.smackx.jingle.element.JingleReason;

/**
 * How a session ended.
 *
 * @param reason  the XEP-0166 reason, sent or received
 * @param text    the human-readable explanation, empty when there was none
 * @param endedBy which side ended it; a failure of our own requests or connection counts as {@link Side#LOCAL}
 */
public record SessionEnd(JingleReason.Reason reason, String text, Side endedBy) {
    /** Who ended the session. */
    public enum Side {
        LOCAL,
        PEER
    }
}
