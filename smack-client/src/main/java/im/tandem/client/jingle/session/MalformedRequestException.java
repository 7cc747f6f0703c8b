package im.tandem.client.jingle.session;

/**
 * A request that parsed but does not make sense for the session, such as a session-accept for another content
 * or without an ICE-UDP transport. Answered with {@code <bad-request/>}; the session carries on unchanged.
 */
public final class MalformedRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String message) {
        super(message);
    }
}
