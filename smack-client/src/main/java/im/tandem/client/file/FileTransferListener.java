package im.tandem.client.file;

import im.tandem.client.file.io.TransferProgress;
import im.tandem.client.file.transport.TransportMethod;

/**
 * Follows a transfer while it runs; the outcome comes from {@link FileTransfer#result()}. Called on the
 * transfer's own threads: implementations must return quickly.
 */
public interface FileTransferListener {
    /** The transport that carries the bytes is set up. */
    default void transportChosen(FileTransfer transfer, TransportMethod route) {
    }

    /** Bytes moved; see {@link TransferProgress}. */
    default void progress(FileTransfer transfer, TransferProgress progress) {
    }
}
