package im.tandem.client.file.transport.ibb;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamManager;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamSession;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;
import im.tandem.client.jingle.session.SessionIds;

/**
 * XEP-0261: the initiator offers a block size and a stream id, the responder may answer with a smaller block size,
 * then the initiator opens the in-band bytestream (XEP-0047) with the agreed size. Smack's IBB manager carries the
 * data, one acknowledged IQ per block.
 */
final class IbbNegotiation implements TransportNegotiation {
    private final NegotiationContext context;
    private final IbbAcceptor acceptor;
    private final IbbTransport local;
    private final CompletableFuture<BytePipe> pipe = new CompletableFuture<>();

    private IbbNegotiation(NegotiationContext context, IbbAcceptor acceptor, IbbTransport local) {
        this.context = context;
        this.acceptor = acceptor;
        this.local = local;
    }

    static IbbNegotiation offer(NegotiationContext context, IbbAcceptor acceptor) {
        return new IbbNegotiation(context, acceptor, new IbbTransport(context.settings().ibbBlockSize(),
                SessionIds.next(), IbbTransport.Stanza.IQ));
    }

    /** Answers with our block size if it is smaller, and from now on accepts the peer's open of this stream. */
    static IbbNegotiation answer(NegotiationContext context, IbbAcceptor acceptor, JingleContentTransport offer)
            throws BadTransportException {
        IbbTransport remote = require(offer);
        IbbNegotiation negotiation = new IbbNegotiation(context, acceptor, new IbbTransport(
                Math.min(remote.blockSize(), context.settings().ibbBlockSize()), remote.sid(), IbbTransport.Stanza.IQ));
        acceptor.expect(context.peer(), remote.sid()).thenAccept(negotiation::opened);
        return negotiation;
    }

    @Override
    public TransportMethod method() {
        return TransportMethod.IBB;
    }

    @Override
    public IbbTransport local() {
        return local;
    }

    @Override
    public void start(JingleContentTransport remote) throws BadTransportException {
        if (!context.initiator()) {
            return; // the initiator opens; we wait for it (see answer)
        }
        IbbTransport answer = require(remote);
        if (!answer.sid().equals(local.sid())) {
            throw new BadTransportException("the in-band stream id must stay " + local.sid() + ", got " + answer.sid());
        }
        if (answer.blockSize() > local.blockSize()) {
            throw new BadTransportException("the answer may lower the block size, not raise it above "
                    + local.blockSize() + " (got " + answer.blockSize() + ")");
        }
        CompletableFuture.supplyAsync(() -> open(answer.blockSize()), context.executor())
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        pipe.completeExceptionally(failure);
                    } else {
                        opened(session);
                    }
                });
    }

    /** XEP-0261 defines no transport-info we need (further streams in one session are not used for files). */
    @Override
    public void info(JingleContentTransport info) {
    }

    @Override
    public CompletableFuture<BytePipe> pipe() {
        return pipe;
    }

    @Override
    public void close() {
        acceptor.forget(context.peer(), local.sid());
        if (!pipe.completeExceptionally(new IllegalStateException("the in-band negotiation was closed"))) {
            pipe.thenAccept(BytePipe::close);
        }
    }

    private void opened(InBandBytestreamSession session) {
        IbbPipe opened = new IbbPipe(session, context.settings().idleTimeoutMillis());
        if (!pipe.complete(opened)) {
            opened.close(); // closed meanwhile
        }
    }

    /** Smack opens with the manager's default block size, so the agreed size is set under the manager's lock. */
    private InBandBytestreamSession open(int blockSize) {
        InBandBytestreamManager manager = InBandBytestreamManager.getByteStreamManager(context.connection());
        try {
            synchronized (manager) {
                manager.setDefaultBlockSize(blockSize);
                return manager.establishSession(context.peer(), local.sid());
            }
        } catch (XMPPException | SmackException e) {
            throw new CompletionException("the peer refused the in-band bytestream: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private static IbbTransport require(JingleContentTransport transport) throws BadTransportException {
        if (!(transport instanceof IbbTransport ibb)) {
            throw new BadTransportException("expected an " + IbbTransport.NAMESPACE + " transport");
        }
        return ibb;
    }
}
