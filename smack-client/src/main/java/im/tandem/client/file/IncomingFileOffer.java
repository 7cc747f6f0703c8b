package im.tandem.client.file;

import java.util.Optional;

import org.jxmpp.jid.FullJid;

import im.tandem.client.file.element.FileInfo;

/** A file a contact offers us, waiting for {@link #accept} or {@link #decline}. */
public final class IncomingFileOffer {
    private final FileSession session;

    IncomingFileOffer(FileSession session) {
        this.session = session;
    }

    public FullJid peer() {
        return session.peer();
    }

    /** The file's name as offered (not yet made safe: the download folder does that when saving). */
    public String name() {
        return session.transfer().name();
    }

    public long size() {
        return session.transfer().size();
    }

    public Optional<String> mediaType() {
        return session.file().mediaType();
    }

    /** Everything the offer says about the file. */
    public FileInfo file() {
        return session.file();
    }

    /**
     * The transfer this offer starts: it fails if the offer ends before it is answered (the sender withdrew it,
     * or the connection closed) or is declined.
     */
    public FileTransfer transfer() {
        return session.transfer();
    }

    /**
     * Accepts the file into the configured download folder.
     *
     * @return the transfer, to follow and to wait for
     */
    public FileTransfer accept(FileTransferListener listener) {
        session.accept(listener);
        return session.transfer();
    }

    /** Declines the offer (XEP-0166's {@code <decline/>}). */
    public void decline() {
        decline("");
    }

    /** Declines, telling the peer why in a few words. */
    public void decline(String explanation) {
        session.decline(explanation);
    }
}
