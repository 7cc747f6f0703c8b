package im.tandem.client.direct;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The peer's side of a direct stream as its reader takes it from the channel, cut off once one stanza grows past the
 * cap: it counts the bytes taken since the reader last finished a stanza. The XML parser reads ahead by its buffers
 * (tens of kilobytes at most), so the cap holds give or take that much, which still bounds what one stanza can make
 * the reader hold.
 */
final class StanzaSizeLimit extends FilterInputStream {
    private final int maxStanzaBytes;
    private long sinceStanzaEnd;
    private boolean exceeded;

    StanzaSizeLimit(InputStream in, int maxStanzaBytes) {
        super(in);
        this.maxStanzaBytes = maxStanzaBytes;
    }

    /** The reader finished a stanza (or the stream header): the next one is counted from here. */
    void stanzaEnded() {
        sinceStanzaEnd = 0;
    }

    /** True once a stanza went past the cap; the parser may have wrapped the exception that said so. */
    boolean exceeded() {
        return exceeded;
    }

    int maxStanzaBytes() {
        return maxStanzaBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        int n = super.read(target, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int bytes) throws StanzaTooLargeException {
        sinceStanzaEnd += bytes;
        if (sinceStanzaEnd > maxStanzaBytes) {
            exceeded = true;
            throw new StanzaTooLargeException(maxStanzaBytes);
        }
    }
}
