package im.tandem.client.file.transport;

/**
 * The peer's transport element cannot be used as it is (credentials missing, a candidate we never offered, a block
 * size above ours). The request that carried it is answered with {@code <bad-request/>} and this message.
 */
public final class BadTransportException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadTransportException(String message) {
        super(message);
    }
}
