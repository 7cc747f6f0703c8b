package im.tandem.client.file.transport;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** The bytes of one transfer, once a transport is set up: a stream each way between the two parties. */
public interface BytePipe extends Closeable {
    InputStream input();

    /** Closing it tells the peer that no more data follows; the input stays open. */
    OutputStream output();

    /**
     * Waits until the peer has everything written so far, as far as the transport can tell, giving up after
     * {@code stallLimit} without progress. A transport that acknowledges each write (in-band blocks) or cannot
     * tell (a TCP socket) returns at once.
     */
    default void awaitDelivered(Duration stallLimit) {
    }

    /** Releases the transport; never fails (a transport already gone is simply released). */
    @Override
    void close();
}
