package im.tandem.client.ice;

import java.util.concurrent.CompletableFuture;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.session.IcePath;

/**
 * The steps between gathering and the selected path that every use of {@link IceChannelSetup} takes in the same
 * way: read the peer's first transport, add what it trickles, connect, close. Direct chat and file transfer each
 * extend it with what they do before (gathering) and after (the channel), and their unit tests script it to follow
 * the Jingle exchange without ICE.
 */
public interface IcePeering {
    /** Whether the peer's first transport has been read. */
    boolean peerRead();

    /** Reads the peer's offer or answer, refusing one that cannot be used, with the reason. */
    void readPeer(IceUdpTransport first) throws UnusableTransportException;

    /** The peer's candidates from a later transport (trickled in a transport-info). */
    void addCandidates(IceUdpTransport transport);

    /** Starts the connectivity checks; the Jingle session's initiator controls ICE. */
    CompletableFuture<IcePath> connect(boolean jingleInitiator);

    /** Releases ICE. Idempotent. */
    void close();
}
