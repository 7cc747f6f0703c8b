package im.tandem.ice.channel;

import im.tandem.ice.channel.arq.ArqConnection;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

/**
 * Drives a JDK {@link SSLEngine} over the reliable stream: records written are wrapped and queued on the stream,
 * records read are pulled from it and unwrapped. Reading and writing each hold their own lock, which the engine
 * allows; a read that must answer the peer (a key update) takes the write lock briefly.
 */
final class TlsStream {

    /** TLS 1.3 (RFC 8446 5.1): a record carries at most 2^14 bytes of plaintext. */
    static final int MAX_RECORD_PLAINTEXT = 16_384;
    /**
     * What TLS 1.3 adds to a record at most: a 5-byte header, the content type byte, padding (the JDK adds none)
     * and the AEAD tag, all within RFC 8446's limit of 256 bytes of expansion.
     */
    static final int MAX_RECORD_OVERHEAD = 256;

    /** Content type, version and length (RFC 8446 5.1). */
    private static final int RECORD_HEADER_BYTES = 5;

    /**
     * Records wrapped before they go to the stream together, and taken from it at once when they are there: a bulk
     * write then queues 64 KiB per call, which the stream sends as one batch of datagrams where the socket takes
     * batches, and each side takes the stream's lock a quarter as often. A short write is still one record, at once.
     */
    private static final int RECORDS_PER_STREAM_CALL = 4;

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final ArqConnection stream;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    /** Ciphertext received, not yet unwrapped; kept ready for reading (flipped). */
    private final ByteBuffer netIn;
    /** Plaintext unwrapped, not yet read by the application; kept ready for reading (flipped). */
    private final ByteBuffer appIn;
    private final ByteBuffer netOut;
    /** The largest record the engine writes, header and tag included. */
    private final int packetBytes;
    private boolean inboundClosed;

    TlsStream(SSLEngine engine, ArqConnection stream) {
        this.engine = engine;
        this.stream = stream;
        this.packetBytes = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(RECORDS_PER_STREAM_CALL * packetBytes).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(RECORDS_PER_STREAM_CALL * packetBytes);
    }

    /** Runs the handshake to completion on the calling thread. */
    void handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapControl();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    synchronized (readLock) {
                        unwrapOnce();
                        if (inboundClosed) {
                            throw new EOFException("the peer closed the channel during the handshake");
                        }
                    }
                }
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    int read(byte[] target, int offset, int length) throws IOException {
        synchronized (readLock) {
            while (!appIn.hasRemaining()) {
                if (inboundClosed) {
                    return -1;
                }
                unwrapOnce();
            }
            int n = Math.min(length, appIn.remaining());
            appIn.get(target, offset, n);
            return n;
        }
    }

    int available() {
        synchronized (readLock) {
            return appIn.remaining();
        }
    }

    void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(data, offset, length);
        synchronized (writeLock) {
            do {
                wrap(source);
            } while (source.hasRemaining());
        }
    }

    /** Sends close_notify, or the pending alert after a failed handshake, as far as the stream still takes it. */
    void closeOutbound() {
        synchronized (writeLock) {
            engine.closeOutbound();
            try {
                while (!engine.isOutboundDone()) {
                    wrap(NOTHING);
                }
            } catch (IOException e) {
                // The stream is already gone: the peer will notice through its own timeout.
            }
        }
    }

    private void unwrapOnce() throws IOException {
        appIn.compact();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            appIn.flip();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> fillNetIn();
            case CLOSED -> inboundClosed = true;
            case BUFFER_OVERFLOW -> throw new IllegalStateException("unwrap with a non-empty plaintext buffer");
            case OK -> { }
        }
        afterEngineCall(result.getHandshakeStatus());
    }

    private void fillNetIn() throws IOException {
        int missing = missingOfRecord();
        netIn.compact();
        try {
            int n = stream.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining(),
                    Math.min(missing, netIn.remaining()));
            if (n < 0) {
                throw new EOFException("the peer ended the stream without closing TLS (truncation)");
            }
            netIn.position(netIn.position() + n);
        } finally {
            netIn.flip();
        }
    }

    /**
     * Bytes still to come before the record at the head of {@link #netIn} is whole (its header, then the length
     * the header gives), so that the stream wakes us once per record rather than once per datagram.
     */
    private int missingOfRecord() {
        if (netIn.remaining() < RECORD_HEADER_BYTES) {
            return RECORD_HEADER_BYTES - netIn.remaining();
        }
        int length = ((netIn.get(netIn.position() + 3) & 0xFF) << 8) | (netIn.get(netIn.position() + 4) & 0xFF);
        return Math.max(1, RECORD_HEADER_BYTES + length - netIn.remaining());
    }

    private void wrapControl() throws IOException {
        synchronized (writeLock) {
            wrap(NOTHING);
        }
    }

    /** Wraps as many records of the source as {@link #netOut} holds (one, during a handshake), then writes them. */
    private void wrap(ByteBuffer source) throws IOException {
        netOut.clear();
        SSLEngineResult result;
        do {
            result = engine.wrap(source, netOut);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED && source.hasRemaining()) {
                throw new IOException("the channel is closed for writing");
            }
        } while (result.getStatus() == SSLEngineResult.Status.OK
                && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                && source.hasRemaining() && netOut.remaining() >= packetBytes);
        if (netOut.position() > 0) {
            stream.write(netOut.array(), 0, netOut.position());
        }
        afterEngineCall(result.getHandshakeStatus());
    }

    private void afterEngineCall(SSLEngineResult.HandshakeStatus status) throws IOException {
        if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks();
        } else if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP && !Thread.holdsLock(writeLock)) {
            wrapControl(); // e.g. answering a key update while reading
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
