package im.tandem.client.jingle.provider;

import org.jivesoftware.smack.parsing.SmackParsingException;

/**
 * A Jingle element that is well-formed XML but not what the specification allows. The message names the element,
 * the attribute and the offending value, because it is sent back to the peer as the error's text.
 */
public final class JingleParseException extends SmackParsingException {
    private static final long serialVersionUID = 1L;

    public JingleParseException(String message) {
        super(message);
    }
}
