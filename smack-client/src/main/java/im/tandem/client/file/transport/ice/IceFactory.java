package im.tandem.client.file.transport.ice;

import java.io.IOException;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportNegotiation;

/** The direct channel over ICE (XEP-0176 with XEP-0320 fingerprints), between Tandem clients. */
public final class IceFactory implements TransportFactory {
    @Override
    public TransportNegotiation offer(NegotiationContext context) throws IOException {
        return IceNegotiation.offer(context);
    }

    @Override
    public TransportNegotiation answer(NegotiationContext context, JingleContentTransport offer)
            throws IOException, BadTransportException {
        return IceNegotiation.answer(context, offer);
    }
}
