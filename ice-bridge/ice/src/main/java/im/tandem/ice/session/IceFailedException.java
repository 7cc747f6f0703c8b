package im.tandem.ice.session;

import java.io.IOException;

/** ICE found no working path, or not in time. */
public final class IceFailedException extends IOException {

    public IceFailedException(String message) {
        super(message);
    }

    public IceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
