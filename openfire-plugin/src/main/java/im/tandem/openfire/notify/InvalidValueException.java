package im.tandem.openfire.notify;

/** A value a user typed that cannot be used; the message says what is accepted, for a form error. */
public final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
