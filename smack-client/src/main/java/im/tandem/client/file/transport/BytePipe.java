package im.tandem.client.file.transport;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** The bytes of one transfer, once a transport is set up: a stream each way between the two parties. */
public interface BytePipe extends Closeable {
    InputStream input();

    /** Closing it tells the peer that no more data follows; the input stays open. */
    OutputStream output();

    /** Releases the transport; never fails (a transport already gone is simply released). */
    @Override
    void close();
}
