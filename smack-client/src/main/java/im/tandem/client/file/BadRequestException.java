package im.tandem.client.file;

/**
 * A request that parsed but does not fit the file session: another content's name, a transport other than the
 * one being negotiated, a transport element that cannot be used. Answered with {@code <bad-request/>}; the session
 * carries on unchanged.
 */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
