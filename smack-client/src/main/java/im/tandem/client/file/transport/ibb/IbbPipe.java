package im.tandem.client.file.transport.ibb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamSession;

import im.tandem.client.file.transport.BytePipe;

/** An in-band bytestream (XEP-0047) as a pipe; closing it sends IBB's {@code <close/>}. */
final class IbbPipe implements BytePipe {
    private static final Logger LOG = Logger.getLogger(IbbPipe.class.getName());

    private final InBandBytestreamSession session;

    IbbPipe(InBandBytestreamSession session, int readTimeoutMillis) {
        this.session = session;
        session.setReadTimeout(readTimeoutMillis);
        // A Jingle in-band bytestream flows one way, and its receiver learns that the file is complete from the
        // sender's <close/> (XEP-0261 §2, XEP-0047 §2.3). Smack sends <close/> only once both directions are
        // closed unless told otherwise; without this a finished sender's <close/> waited for the session to end,
        // and a receiver that waits for it (Libervia does) never confirmed the file.
        session.setCloseBothStreamsEnabled(true);
    }

    @Override
    public InputStream input() {
        return session.getInputStream();
    }

    @Override
    public OutputStream output() {
        return session.getOutputStream();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException e) {
            // The peer closed first or is gone; either way the bytestream is over.
            LOG.log(Level.FINE, "closing an in-band bytestream", e);
        }
    }
}
