package im.tandem.client.ice;

/** The peer's ICE-UDP transport cannot set up the channel; the message says why, in words for the peer and user. */
public final class UnusableTransportException extends Exception {
    public UnusableTransportException(String message) {
        super(message);
    }
}
