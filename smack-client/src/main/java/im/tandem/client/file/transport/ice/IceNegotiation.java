package im.tandem.client.file.transport.ice;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.ice.IceServers;
import im.tandem.client.ice.IceUdpConversion;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceCredentials;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.channel.Fingerprint;
import im.tandem.ice.session.IceCandidate;
import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.IceSession;

/**
 * The direct transport between Tandem clients: an ICE session (XEP-0176 ICE-UDP) carrying ice-bridge's encrypted,
 * reliable channel, authenticated by the certificate fingerprints the two parties exchanged (XEP-0320). The
 * Jingle initiator controls ICE; the XEP-0320 setup roles decide which side starts the TLS handshake. STUN and TURN
 * servers come from the chat server (XEP-0215) when it offers them, as for direct chat.
 */
final class IceNegotiation implements TransportNegotiation {
    private static final Logger LOG = Logger.getLogger(IceNegotiation.class.getName());

    private final NegotiationContext context;
    private final ChannelIdentity identity = ChannelIdentity.generate();
    private final IceSession ice;
    private final DtlsSetup setup;
    private final IceUdpTransport local;
    private final CompletableFuture<BytePipe> pipe = new CompletableFuture<>();
    private boolean started;

    private IceNegotiation(NegotiationContext context, DtlsSetup setup) throws IOException {
        this.context = context;
        this.setup = setup;
        this.ice = IceSession.create(servers(context));
        this.local = IceUdpConversion.toTransport(ice.localDescription(), identity.fingerprint(), setup);
    }

    /** Gathers our candidates and offers either TLS role (XEP-0320's actpass). */
    static IceNegotiation offer(NegotiationContext context) throws IOException {
        return new IceNegotiation(context, DtlsSetup.ACTPASS);
    }

    /** Gathers our candidates and takes the TLS role the offer leaves us: the client, unless it insists. */
    static IceNegotiation answer(NegotiationContext context, JingleContentTransport offer)
            throws IOException, BadTransportException {
        DtlsSetup theirs = fingerprint(require(offer)).setup();
        return new IceNegotiation(context, theirs == DtlsSetup.ACTIVE ? DtlsSetup.PASSIVE : DtlsSetup.ACTIVE);
    }

    @Override
    public TransportMethod method() {
        return TransportMethod.ICE;
    }

    @Override
    public IceUdpTransport local() {
        return local;
    }

    @Override
    public synchronized void start(JingleContentTransport remote) throws BadTransportException {
        if (started) {
            throw new BadTransportException("the ICE description was already exchanged");
        }
        IceUdpTransport transport = require(remote);
        IceCredentials credentials = transport.credentials()
                .orElseThrow(() -> new BadTransportException("the ICE-UDP transport needs 'ufrag' and 'pwd'"));
        DtlsFingerprint theirFingerprint = fingerprint(transport);
        Fingerprint peer;
        try {
            peer = IceUdpConversion.fingerprint(theirFingerprint);
        } catch (IllegalArgumentException e) {
            throw new BadTransportException(e.getMessage());
        }
        Channel.Role role = setup == DtlsSetup.ACTIVE
                || setup == DtlsSetup.ACTPASS && theirFingerprint.setup() == DtlsSetup.PASSIVE
                ? Channel.Role.CLIENT : Channel.Role.SERVER;
        started = true;
        ice.setRemoteCredentials(credentials.ufrag(), credentials.pwd());
        addCandidates(transport);
        ice.connect(context.initiator() ? IceSession.Role.CONTROLLING : IceSession.Role.CONTROLLED)
                .thenAcceptAsync(path -> {
                    try {
                        Channel channel = Channel.open(path.transport(), identity, peer, role, context.settings().channel(),
                                cause -> LOG.fine(() -> "the file channel with " + context.peer() + " failed: " + cause));
                        if (!pipe.complete(new ChannelPipe(channel, ice))) {
                            channel.close();
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
        addCandidates(transport);
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

    private void addCandidates(IceUdpTransport transport) throws BadTransportException {
        try {
            for (IceCandidate candidate : IceUdpConversion.candidates(transport)) {
                ice.addRemoteCandidate(candidate);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadTransportException("unusable ICE candidate: " + e.getMessage());
        }
    }

    private static IceUdpTransport require(JingleContentTransport transport) throws BadTransportException {
        if (!(transport instanceof IceUdpTransport ice)) {
            throw new BadTransportException("expected an " + IceUdpTransport.NAMESPACE + " transport");
        }
        return ice;
    }

    private static DtlsFingerprint fingerprint(IceUdpTransport transport) throws BadTransportException {
        return transport.fingerprint().orElseThrow(() -> new BadTransportException(
                "the ICE-UDP transport of a file needs the channel's <fingerprint/> (XEP-0320)"));
    }
}
