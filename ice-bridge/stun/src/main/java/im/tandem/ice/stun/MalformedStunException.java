package im.tandem.ice.stun;

/**
 * The only exception {@link StunCodec#decode} throws: the bytes are not one well-formed STUN message.
 * Checked, so that every caller that parses network input is forced to decide what to do with garbage
 * (the server drops and counts it; the discovery client ignores it).
 */
public final class MalformedStunException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedStunException(String message) {
        super(message);
    }
}
