package im.tandem.ice.channel;

import im.tandem.ice.channel.arq.ArqConnection;
import im.tandem.ice.transport.DatagramTransport;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

import im.tandem.ice.concurrent.DaemonThreads;

/**
 * An end-to-end encrypted, authenticated, reliable byte stream between two peers over any datagram path: TLS 1.3
 * (JDK) on top of our own ARQ stream. Each side proves the certificate whose fingerprint it sent through signalling,
 * so a relay or a man in the middle sees only ciphertext and cannot pose as either side.
 */
public final class Channel implements Closeable {

    /** Which side speaks first in TLS. XEP-0320 calls the client "active" and the server "passive". */
    public enum Role {
        CLIENT,
        SERVER
    }

    /** Told once when an open channel fails: the path died, or the peer's data could not be authenticated. */
    @FunctionalInterface
    public interface FailureListener {
        void onFailure(IOException cause);
    }

    /** One daemon thread for all channels' handshake deadlines: a task only closes a stream. */
    private static final ScheduledExecutorService HANDSHAKE_TIMER = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("channel-handshake-timer"));

    /** Sent by the server to confirm the handshake; a later incompatible protocol would send another value. */
    private static final byte PROTOCOL_VERSION = 1;

    private final ArqConnection stream;
    private final TlsStream tls;
    private final Role role;
    private final ChannelConfig config;
    private final Fingerprint localFingerprint;
    private final Fingerprint peerFingerprint;
    private final FailureListener failureListener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final InputStream input = new ChannelInput();
    private final OutputStream output = new ChannelOutput();
    private volatile boolean open;
    private boolean outputShut;

    private Channel(ArqConnection stream, TlsStream tls, Role role, ChannelConfig config,
                    Fingerprint localFingerprint, Fingerprint peerFingerprint, FailureListener failureListener) {
        this.stream = stream;
        this.tls = tls;
        this.role = role;
        this.config = config;
        this.localFingerprint = localFingerprint;
        this.peerFingerprint = peerFingerprint;
        this.failureListener = failureListener;
    }

    /**
     * Sets up a channel and runs the handshake, blocking for at most {@link ChannelConfig#handshakeTimeout()}.
     *
     * @param transport     the datagram path; the channel owns and closes it
     * @param local         our certificate, whose fingerprint the peer received through signalling
     * @param peer          the fingerprint the peer sent through signalling
     * @param role          our TLS role; the two sides must choose opposite roles
     * @param failureListener told if the channel fails after it was opened
     * @throws ChannelHandshakeException naming the reason: fingerprint mismatch, rejection by the peer, timeout
     */
    public static Channel open(DatagramTransport transport, ChannelIdentity local, Fingerprint peer, Role role,
                               ChannelConfig config, FailureListener failureListener)
            throws ChannelHandshakeException {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(failureListener, "failureListener");
        Channel[] self = new Channel[1];
        ArqConnection stream = ArqConnection.open(transport, config.stream(), cause -> {
            if (self[0] != null) {
                self[0].fail(cause);
            }
        });
        TlsStream tls = new TlsStream(TlsContexts.engine(local, peer, role), stream);
        Channel channel = new Channel(stream, tls, role, config, local.fingerprint(), peer, failureListener);
        self[0] = channel;
        channel.handshake();
        transport.channelOpened();
        return channel;
    }

    private void handshake() throws ChannelHandshakeException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = HANDSHAKE_TIMER.schedule(() -> {
            if (timedOut.compareAndSet(false, true)) {
                stream.close(); // unblocks the handshake's read
            }
        }, config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            tls.handshake();
            confirm();
            watchdog.cancel(false);
            if (!timedOut.compareAndSet(false, true)) {
                throw new IOException("closed by the handshake timer");
            }
            open = true;
        } catch (IOException | RuntimeException e) {
            watchdog.cancel(false);
            ended.set(true);
            if (!timedOut.compareAndSet(false, true)) {
                stream.close();
                throw new ChannelHandshakeException("the channel handshake did not complete within "
                        + config.handshakeTimeout().toMillis() + " ms (handshakeTimeout)", e);
            }
            // Let the peer learn why (the engine has an alert pending), then give up.
            shutdownOutput();
            shutdownStream();
            throw new ChannelHandshakeException(describe(e), e);
        }
    }

    /**
     * In TLS 1.3 the client is done before the server has checked the client's certificate, so a client whose
     * fingerprint is refused would only learn it at its first read. The server therefore confirms with one byte
     * (the channel protocol version) that it accepted the client; the client waits for it before it reports open.
     */
    private void confirm() throws IOException {
        if (role == Role.SERVER) {
            tls.write(new byte[] {PROTOCOL_VERSION}, 0, 1);
            return;
        }
        byte[] reply = new byte[1];
        if (tls.read(reply, 0, 1) != 1 || reply[0] != PROTOCOL_VERSION) {
            throw new IOException("the peer did not confirm the channel (protocol version " + PROTOCOL_VERSION
                    + " expected)");
        }
    }

    private static String describe(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return "channel handshake failed: " + t.getMessage();
            }
        }
        if (e instanceof SSLException) {
            return "channel handshake failed (the peer may have rejected our fingerprint): " + e.getMessage();
        }
        return "channel handshake failed: " + e.getMessage();
    }

    /** Decrypted bytes from the peer; -1 after the peer closed the channel. */
    public InputStream input() {
        return input;
    }

    /**
     * Bytes to the peer, sent at once (no need to flush). Closing it ends our direction only: the peer reads to its
     * end, and our input stays open until the peer closes its direction.
     */
    public OutputStream output() {
        return output;
    }

    /**
     * Whether {@code plaintextBytes} written now go into the send buffer without waiting for the path: a caller
     * that must never wait on the network writes on its own thread when this holds, and hands the write to a thread
     * of its own otherwise. Only meaningful while no other thread writes.
     */
    public boolean writesAtOnce(int plaintextBytes) {
        long records = plaintextBytes / TlsStream.MAX_RECORD_PLAINTEXT + 1;
        return stream.writableBytes() >= plaintextBytes + records * TlsStream.MAX_RECORD_OVERHEAD;
    }

    /**
     * Waits until the peer has acknowledged everything written so far (and the end of the output, once closed):
     * writes return as soon as the bytes fit the send buffer, long before a slow path has carried them. A slow
     * path is waited for as long as acknowledgements keep coming.
     *
     * @param stallLimit give up after this long without any acknowledgement progress
     * @return false if it gave up, or the channel failed or closed first
     */
    public boolean awaitDelivered(Duration stallLimit) {
        return stream.awaitDelivered(stallLimit);
    }

    /** Our fingerprint, as sent through signalling. */
    public Fingerprint localFingerprint() {
        return localFingerprint;
    }

    /** The peer's fingerprint, verified by the handshake. */
    public Fingerprint peerFingerprint() {
        return peerFingerprint;
    }

    /** Datagrams dropped because they were not packets of this channel (garbage, strays, forgeries). */
    public long droppedDatagrams() {
        return stream.droppedDatagrams();
    }

    /**
     * Closes gracefully: tells the peer (TLS close_notify, end of stream), waits at most
     * {@link ChannelConfig#closeTimeout()} for it to acknowledge what was written, then releases the path.
     */
    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            shutdownOutput();
            shutdownStream();
        }
    }

    private synchronized void shutdownOutput() {
        if (!outputShut) {
            outputShut = true;
            tls.closeOutbound();
            try {
                stream.finish();
            } catch (IOException e) {
                // Already failed: nothing left to deliver.
            }
        }
    }

    private void shutdownStream() {
        stream.awaitDelivered(config.closeTimeout());
        stream.close();
    }

    private void fail(IOException cause) {
        stream.close();
        if (open && ended.compareAndSet(false, true)) {
            failureListener.onFailure(cause);
        }
    }

    private final class ChannelInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (length == 0) {
                return 0;
            }
            try {
                return tls.read(target, offset, length);
            } catch (SSLException e) {
                // Data that fails authentication means tampering or a broken peer: the channel cannot go on.
                IOException failure = new IOException("channel data failed authentication: " + e.getMessage(), e);
                fail(failure);
                throw failure;
            }
        }

        @Override
        public int available() {
            return tls.available();
        }

        @Override
        public void close() {
            Channel.this.close();
        }
    }

    private final class ChannelOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, data.length);
            tls.write(data, offset, length);
        }

        @Override
        public void close() {
            shutdownOutput();
        }
    }
}
