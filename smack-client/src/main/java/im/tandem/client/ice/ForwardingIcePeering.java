package im.tandem.client.ice;

import java.util.concurrent.CompletableFuture;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.session.IcePath;

/**
 * An {@link IcePeering} that is a real {@link IceChannelSetup}, for the seams that extend IcePeering with a step of
 * their own: they subclass this and write only that step.
 */
public abstract class ForwardingIcePeering implements IcePeering {
    protected final IceChannelSetup setup;

    protected ForwardingIcePeering(IceChannelSetup setup) {
        this.setup = setup;
    }

    @Override
    public final boolean peerRead() {
        return setup.peerRead();
    }

    @Override
    public final void readPeer(IceUdpTransport first) throws UnusableTransportException {
        setup.readPeer(first);
    }

    @Override
    public final void addCandidates(IceUdpTransport transport) {
        setup.addCandidates(transport);
    }

    @Override
    public final CompletableFuture<IcePath> connect(boolean jingleInitiator) {
        return setup.connect(jingleInitiator);
    }

    @Override
    public final void close() {
        setup.close();
    }
}
