package im.tandem.client.jingle.session;

/** A XEP-0166 action the session's application does not implement; answered with feature-not-implemented. */
public final class UnsupportedActionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param action the action as it is written on the wire, such as {@code transport-replace} */
    public UnsupportedActionException(String action) {
        super(action + " is not supported by this application");
    }
}
