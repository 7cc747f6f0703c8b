package im.tandem.client.file.transport.ibb;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportNegotiation;

/** In-band bytestreams (XEP-0261) for one connection. */
public final class IbbFactory implements TransportFactory {
    private final IbbAcceptor acceptor;

    public IbbFactory(IbbAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    @Override
    public TransportNegotiation offer(NegotiationContext context) {
        return IbbNegotiation.offer(context, acceptor);
    }

    @Override
    public TransportNegotiation answer(NegotiationContext context, JingleContentTransport offer)
            throws BadTransportException {
        return IbbNegotiation.answer(context, acceptor, offer);
    }
}
