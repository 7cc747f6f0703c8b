package im.tandem.client.direct;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.jingle.Role;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.ice.IceChannelSetup;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.client.jingle.session.SessionState;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.channel.ChannelHandshakeException;
import im.tandem.ice.concurrent.DaemonThreads;
import im.tandem.ice.session.IcePath;
import im.tandem.ice.session.PathType;

/**
 * The application of a direct session: an XML stream (XEP-0247, see {@link StanzaStream}) over the encrypted channel
 * on the ICE path. The peer is who the channel proved it to be: its fingerprint came through the authenticated
 * signalling.
 *
 * <p>A stanza is written on the sender's thread when the channel takes it at once and nothing is queued before it
 * (the usual case for chat, and one thread hand-off less on every message); otherwise it is queued for the link's own
 * thread, in order, so that no caller ever waits on the path. What the listener sends while it handles a stanza on
 * the reader's thread (a reply and the stanza's receipt) is written together once it returns: one encrypted record
 * and one datagram instead of one each, with no timer and no wait beyond the handling itself. The link ends when
 * the channel or the ICE path fails, the stream ends or breaks, or the Jingle session is terminated; the listener
 * hears of it once, and never before {@link #start()}.
 */
final class XmlStreamLink implements DirectLink {
    private static final Logger LOG = Logger.getLogger(XmlStreamLink.class.getName());
    /** Queued stanzas are a few kilobytes at most: written in milliseconds, unless the path is already dead. */
    private static final Duration WRITER_DRAIN = Duration.ofSeconds(1);
    /** What the peer is told when the link breaks under us (XEP-0166's reason for a connectivity problem). */
    private static final JingleReason.Reason LOST = JingleReason.Reason.connectivity_error;
    /**
     * What a listener sends while handling one stanza is written at once when it reaches this size: one TLS
     * record's plaintext, so that a batch never takes more memory or more than one record.
     */
    static final int MAX_BATCH_BYTES = 16 * 1024;
    /** What the peer is told when it broke the stream's rules (XEP-0166: an error of the application). */
    private static final JingleReason.Reason BROKE_THE_RULES = JingleReason.Reason.failed_application;

    /**
     * The path under the link, as the link uses it: in the client the ICE path of an {@link IceChannelSetup}; in
     * unit tests a channel on a path of their own, so that the link can be tested without ICE.
     */
    interface ChannelPath {
        PathType type();

        /** Tells {@code onLost} once if the path is lost. */
        void onLost(Consumer<String> onLost);

        /** Runs the channel handshake on the path, blocking for at most the handshake timeout. */
        Channel openChannel(Channel.FailureListener onFailure) throws ChannelHandshakeException;

        /** Releases the path, after the channel is closed. */
        void close();
    }

    private final FullJid peer;
    private final JingleSession session;
    private final ChannelPath underneath;
    private volatile RouteChange.DirectPath path;
    private final Listener listener;
    private final ExecutorService background;
    private final ExecutorService writer;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Held while a stanza is written on a sender's thread, and while {@link #queuedWrites} changes. */
    private final Object writeOrder = new Object();
    /** Writes handed to {@link #writer} and not yet done: while any is, a new stanza queues behind it. */
    private int queuedWrites;
    /**
     * What the listener sent while handling a stanza, not yet written; guarded by {@link #writeOrder}. Any other
     * write goes after it, so the order of sending is the order on the wire.
     */
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream();
    /** The reader's thread while its listener handles a stanza, else null: sends from it join {@link #batch}. */
    private volatile Thread handlingOn;
    private final StanzaStream stream;
    private volatile Channel channel;
    private boolean started;
    private String endedBeforeStart;

    private XmlStreamLink(FullJid peer, JingleSession session, ChannelPath underneath, Listener listener,
                          ExecutorService background, int maxStanzaBytes) {
        this.peer = peer;
        this.stream = new StanzaStream(peer, maxStanzaBytes);
        this.session = session;
        this.underneath = underneath;
        this.listener = listener;
        this.background = background;
        this.writer = Executors.newSingleThreadExecutor(DaemonThreads.named("direct-writer-" + peer));
    }

    /** The ICE path of an {@link IceChannelSetup}, for a link to open its channel on. */
    static ChannelPath onIce(IceChannelSetup ice, IcePath icePath, ChannelConfig config) {
        return new ChannelPath() {
            @Override
            public PathType type() {
                return icePath.type();
            }

            @Override
            public void onLost(Consumer<String> onLost) {
                ice.onPathLost(onLost::accept);
            }

            @Override
            public Channel openChannel(Channel.FailureListener onFailure) throws ChannelHandshakeException {
                return ice.openChannel(icePath, config, onFailure);
            }

            @Override
            public void close() {
                ice.close();
            }
        };
    }

    /**
     * Runs the channel handshake on the path (blocking for at most the handshake timeout) and queues our stream
     * header. The link owns the path and the Jingle session from here on, and ends with them.
     *
     * @param setupStartNanos when the session-initiate was sent or received, for the setup time
     * @param maxStanzaBytes  the largest stanza the peer may send (see {@link DirectConfig#maxStanzaBytes()})
     */
    static XmlStreamLink open(JingleSession session, ChannelPath underneath, long setupStartNanos, Listener listener,
                              ExecutorService background, int maxStanzaBytes) throws ChannelHandshakeException {
        FullJid local = session.role() == Role.initiator ? session.initiator() : session.responder();
        XmlStreamLink link = new XmlStreamLink(session.peer(), session, underneath, listener, background,
                maxStanzaBytes);
        session.addListener(new JingleSessionListener() {
            @Override
            public void stateChanged(JingleSession ended, SessionState from, SessionState to) {
                if (to == SessionState.TERMINATED) {
                    link.fail(LOST, "the Jingle session ended (" + howEnded(ended) + ")");
                }
            }
        });
        underneath.onLost(reason -> link.fail(LOST, "the ICE path was lost: " + reason));
        link.channel = underneath.openChannel(cause -> link.fail(LOST, "the channel failed: " + cause.getMessage()));
        link.path = new RouteChange.DirectPath(underneath.type(),
                Duration.ofNanos(System.nanoTime() - setupStartNanos));
        synchronized (link.writeOrder) {
            link.queuedWrites++;
        }
        link.queueWrite(StanzaStream.header(local, link.peer).getBytes(StandardCharsets.UTF_8));
        return link;
    }

    /** A terminated session's reason and text, as the user reads them. */
    static String howEnded(JingleSession session) {
        return session.end().map(end -> end.reason() + (end.text().isEmpty() ? "" : ": " + end.text()))
                .orElse("terminated");
    }

    /** Starts reading the peer's stream; a failure that happened since {@link #open} is reported now. */
    void start() {
        String pending;
        synchronized (this) {
            started = true;
            pending = endedBeforeStart;
        }
        if (pending != null) {
            notifyEnded(pending);
            return;
        }
        Thread reader = new Thread(this::read, "direct-reader-" + peer);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public FullJid peer() {
        return peer;
    }

    @Override
    public RouteChange.DirectPath path() {
        return path;
    }

    @Override
    public void send(Message message) {
        byte[] xml = StanzaStream.toXml(message).getBytes(StandardCharsets.UTF_8);
        synchronized (writeOrder) {
            if (handlingOn == Thread.currentThread()) {
                batch.writeBytes(xml);
                if (batch.size() >= MAX_BATCH_BYTES) {
                    writeBatch();
                }
                return;
            }
            writeBatch();
            writeInOrder(xml);
        }
    }

    /** Hands a received stanza to the listener, then writes together what it sent meanwhile. */
    private void handle(Message message) {
        handlingOn = Thread.currentThread();
        try {
            listener.received(this, message);
        } finally {
            handlingOn = null;
            synchronized (writeOrder) {
                writeBatch();
            }
        }
    }

    /** Writes what {@link #batch} holds, if anything; the caller holds {@link #writeOrder}. */
    private void writeBatch() {
        if (batch.size() > 0) {
            byte[] xml = batch.toByteArray();
            batch.reset();
            writeInOrder(xml);
        }
    }

    /**
     * Writes on this thread if the channel takes it at once and nothing is queued before it, else queues it for the
     * link's thread; the caller holds {@link #writeOrder}. Once the link has ended, nothing is written inline: our
     * stream's end may be on its way, and nothing may follow it.
     */
    private void writeInOrder(byte[] xml) {
        if (queuedWrites == 0 && !ended.get() && channel.writesAtOnce(xml.length)) {
            write(xml);
            return;
        }
        queuedWrites++;
        queueWrite(xml);
    }

    /** Hands a write to the link's thread; {@link #queuedWrites} already counts it. */
    private void queueWrite(byte[] xml) {
        try {
            writer.execute(() -> {
                write(xml);
                synchronized (writeOrder) {
                    queuedWrites--;
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "stanza for " + peer + " dropped: the link has ended");
        }
    }

    @Override
    public void close(String reason) {
        if (ended.compareAndSet(false, true)) {
            shutDown(JingleReason.Reason.success, reason, StanzaStream.END);
        }
    }

    /** Ends the link for a reason of its own; {@code why} is what the peer is told if the session is still on. */
    private void fail(JingleReason.Reason why, String reason) {
        fail(why, reason, StanzaStream.END);
    }

    /** As {@link #fail(JingleReason.Reason, String)}, ending our stream with {@code streamEnd}. */
    private void fail(JingleReason.Reason why, String reason, String streamEnd) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        LOG.fine(() -> "direct link with " + peer + " ends: " + reason);
        shutDown(why, reason, streamEnd);
        synchronized (this) {
            if (!started) {
                endedBeforeStart = reason;
                return;
            }
        }
        notifyEnded(reason);
    }

    private void notifyEnded(String reason) {
        try {
            background.execute(() -> listener.ended(this, reason));
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "the client is closing; not reporting the end of the link with " + peer);
        }
    }

    /**
     * Ends our stream, the Jingle session, the channel and the ICE session, off the caller's thread. The peer hears
     * of the end through the server first: on a dead path, closing the channel waits out its close timeout.
     */
    private void shutDown(JingleReason.Reason why, String reason, String streamEnd) {
        // Under the write order: a sender that found the link open is still writing on its own thread, and its
        // stanza must go before our stream's end; every sender after this finds the link ended and writes nothing.
        synchronized (writeOrder) {
            if (channel != null) {
                try {
                    writer.execute(() -> write(streamEnd.getBytes(StandardCharsets.UTF_8)));
                } catch (RejectedExecutionException e) {
                    // already shut down: nothing more can be written
                }
            }
            writer.shutdown();
        }
        Runnable release = () -> {
            session.terminate(why, reason);
            awaitWriter();
            Channel open = channel;
            if (open != null) {
                open.close();
            }
            underneath.close();
        };
        try {
            background.execute(release);
        } catch (RejectedExecutionException e) {
            release.run();
        }
    }

    /** Lets the stream end reach the channel before it closes; a writer stuck on a dead path is not waited for. */
    private void awaitWriter() {
        try {
            writer.awaitTermination(WRITER_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(byte[] xml) {
        try {
            channel.output().write(xml);
        } catch (IOException e) {
            fail(LOST, "cannot write to the channel: " + e.getMessage());
        }
    }

    private void read() {
        try {
            String ending = stream.read(channel.input(), this::handle);
            fail(JingleReason.Reason.success, ending);
        } catch (StanzaTooLargeException e) {
            fail(BROKE_THE_RULES, e.getMessage(), StanzaStream.policyViolation(e.toldToThePeer()));
        } catch (IOException | RuntimeException e) {
            fail(LOST, "the peer's stream broke: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "direct link with " + peer + " (" + (path == null ? "opening" : path.type()) + ")";
    }
}
