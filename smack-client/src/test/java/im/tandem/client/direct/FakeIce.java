package im.tandem.client.direct;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import im.tandem.client.ice.UnusableTransportException;
import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelHandshakeException;
import im.tandem.ice.session.IcePath;
import im.tandem.ice.session.PathType;

/**
 * ICE for an attempt, without ICE: gathering answers at once, connecting waits for the test to complete
 * {@link #connection}, and the channel is whatever {@link #channel} opens.
 */
final class FakeIce implements IceAttempt.Ice {
    /** A path the test hands to {@link #connection}; only its type matters to the attempt. */
    static final IcePath PATH = new IcePath(PathType.HOST, null, null, null);

    /** Opens the channel on the selected path, or fails the handshake. */
    interface ChannelOpener {
        Channel open(Channel.FailureListener onFailure) throws ChannelHandshakeException;
    }

    final CompletableFuture<IcePath> connection = new CompletableFuture<>();
    final List<IceUdpTransport> fromPeer = new ArrayList<>();
    volatile ChannelOpener channel = onFailure -> {
        throw new ChannelHandshakeException("the peer's fingerprint did not match", new IOException("mismatch"));
    };
    volatile UnusableTransportException refusePeer;
    volatile Boolean connectedAsInitiator;
    volatile int closes;
    private volatile boolean peerRead;

    @Override
    public IceUdpTransport gather() {
        return JingleSamples.transport();
    }

    @Override
    public void readPeer(IceUdpTransport first) throws UnusableTransportException {
        if (refusePeer != null) {
            throw refusePeer;
        }
        fromPeer.add(first);
        peerRead = true;
    }

    @Override
    public boolean peerRead() {
        return peerRead;
    }

    @Override
    public void addCandidates(IceUdpTransport transport) {
        fromPeer.add(transport);
    }

    @Override
    public CompletableFuture<IcePath> connect(boolean jingleInitiator) {
        connectedAsInitiator = jingleInitiator;
        return connection;
    }

    @Override
    public XmlStreamLink.ChannelPath channelOn(IcePath path) {
        return new XmlStreamLink.ChannelPath() {
            @Override
            public PathType type() {
                return path.type();
            }

            @Override
            public void onLost(Consumer<String> onLost) {
            }

            @Override
            public Channel openChannel(Channel.FailureListener onFailure) throws ChannelHandshakeException {
                return channel.open(onFailure);
            }

            @Override
            public void close() {
                FakeIce.this.close();
            }
        };
    }

    @Override
    public void close() {
        closes++;
    }
}
