package im.tandem.client.direct;

import java.io.IOException;

/** The peer sent a stanza larger than the direct stream allows; the stream ends with the error policy-violation. */
final class StanzaTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int maxStanzaBytes;

    StanzaTooLargeException(int maxStanzaBytes) {
        super("the peer sent a stanza of more than " + maxStanzaBytes + " bytes (maxStanzaBytes)");
        this.maxStanzaBytes = maxStanzaBytes;
    }

    /** What the peer is told, in the stream error's text. */
    String toldToThePeer() {
        return "a stanza of more than " + maxStanzaBytes + " bytes";
    }
}
