package im.tandem.client.file.transport.ice;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;
import im.tandem.client.ice.ForwardingIcePeering;
import im.tandem.client.ice.IceChannelSetup;
import im.tandem.client.ice.IcePeering;
import im.tandem.client.ice.IceServers;
import im.tandem.client.ice.UnusableTransportException;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.IcePath;

/**
 * The direct transport between Tandem clients: ice-bridge's encrypted, reliable channel over ICE, set up by
 * {@link IceChannelSetup} as for direct chat, and handed out as the file's {@link BytePipe}. STUN and TURN servers
 * come from the chat server (XEP-0215) when it offers them.
 */
final class IceNegotiation implements TransportNegotiation {
    private static final Logger LOG = Logger.getLogger(IceNegotiation.class.getName());

    private final NegotiationContext context;
    private final Setup ice;
    private final IceUdpTransport local;
    private final CompletableFuture<BytePipe> pipe = new CompletableFuture<>();
    private boolean started;

    /**
     * @param ice   the set-up, already gathered
     * @param local our transport, as the gathering gave it
     */
    IceNegotiation(NegotiationContext context, Setup ice, IceUdpTransport local) {
        this.context = context;
        this.ice = ice;
        this.local = local;
    }

    /** Gathers our candidates and offers either TLS role (XEP-0320's actpass). */
    static IceNegotiation offer(NegotiationContext context) throws IOException {
        IceChannelSetup ice = IceChannelSetup.offering();
        return new IceNegotiation(context, Setup.of(ice), ice.gather(servers(context)));
    }

    /** Reads the offer, then gathers our candidates and takes the TLS role the offer leaves us. */
    static IceNegotiation answer(NegotiationContext context, JingleContentTransport offer)
            throws IOException, BadTransportException {
        IceChannelSetup ice = IceChannelSetup.answering();
        Setup setup = Setup.of(ice);
        readPeer(setup, require(offer));
        return new IceNegotiation(context, setup, ice.gather(servers(context)));
    }

    @Override
    public TransportMethod method() {
        return TransportMethod.ICE;
    }

    @Override
    public IceUdpTransport local() {
        return local;
    }

    /** The offerer starts with the answer; the answerer with the offer, which it read before gathering. */
    @Override
    public synchronized void start(JingleContentTransport remote) throws BadTransportException {
        if (started) {
            throw new BadTransportException("the ICE description was already exchanged");
        }
        IceUdpTransport transport = require(remote);
        if (!ice.peerRead()) {
            readPeer(ice, transport);
        }
        started = true;
        ice.connect(context.initiator())
                .thenAcceptAsync(path -> {
                    try {
                        BytePipe opened = ice.openPipe(path, context.settings().channel(), cause -> LOG.fine(
                                () -> "the file channel with " + context.peer() + " failed: " + cause));
                        if (!pipe.complete(opened)) {
                            opened.close(); // closed meanwhile, which closed the set-up already
                        }
                    } catch (IOException e) {
                        pipe.completeExceptionally(e);
                    }
                }, context.executor())
                .exceptionally(failure -> {
                    pipe.completeExceptionally(failure);
                    return null;
                });
    }

    /** Candidates trickled after the offer or answer. */
    @Override
    public synchronized void info(JingleContentTransport info) throws BadTransportException {
        IceUdpTransport transport = require(info);
        if (!started) {
            throw new BadTransportException("ICE candidates came before the ICE credentials");
        }
        ice.addCandidates(transport);
    }

    @Override
    public CompletableFuture<BytePipe> pipe() {
        return pipe;
    }

    @Override
    public void close() {
        if (!pipe.completeExceptionally(new IOException("the ICE negotiation was closed"))) {
            pipe.thenAccept(BytePipe::close);
        }
        ice.close();
    }

    /** Our ICE settings with the STUN and TURN services the server offers (XEP-0215), as direct chat uses them. */
    private static IceConfig servers(NegotiationContext context) throws IOException {
        try {
            return new IceServers(context.connection()).configFor(context.settings().ice());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking for the server's STUN and TURN services", e);
        }
    }

    private static void readPeer(Setup ice, IceUdpTransport first) throws BadTransportException {
        try {
            ice.readPeer(first);
        } catch (UnusableTransportException e) {
            throw new BadTransportException(e.getMessage());
        }
    }

    private static IceUdpTransport require(JingleContentTransport transport) throws BadTransportException {
        if (!(transport instanceof IceUdpTransport ice)) {
            throw new BadTransportException("expected an " + IceUdpTransport.NAMESPACE + " transport");
        }
        return ice;
    }

    /**
     * What a negotiation does with its {@link IceChannelSetup} once gathered, as a seam: the tests script it to
     * check the order of the Jingle exchange without gathering or connecting.
     */
    interface Setup extends IcePeering {
        /** The channel's handshake on the selected path, handed out as a pipe that closes the set-up with it. */
        BytePipe openPipe(IcePath path, ChannelConfig config, Channel.FailureListener onFailure) throws IOException;

        static Setup of(IceChannelSetup ice) {
            return new ClientSetup(ice);
        }
    }

    private static final class ClientSetup extends ForwardingIcePeering implements Setup {
        ClientSetup(IceChannelSetup setup) {
            super(setup);
        }

        @Override
        public BytePipe openPipe(IcePath path, ChannelConfig config, Channel.FailureListener onFailure)
                throws IOException {
            return new ChannelPipe(setup.openChannel(path, config, onFailure), setup);
        }
    }
}
