package im.tandem.client.file;

import org.jivesoftware.smackx.jingle.element.JingleReason;

/** Why a transfer failed: the XEP-0166 reason sent or received, and an explanation for the user. */
public final class FileTransferException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient JingleReason.Reason reason;

    public FileTransferException(JingleReason.Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public JingleReason.Reason reason() {
        return reason;
    }
}
