package im.tandem.ice.channel;

import java.io.IOException;

/** The channel could not be set up: wrong fingerprint, peer rejected ours, timeout or a dead path. */
public final class ChannelHandshakeException extends IOException {

    public ChannelHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
