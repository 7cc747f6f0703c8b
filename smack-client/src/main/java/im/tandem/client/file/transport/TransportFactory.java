package im.tandem.client.file.transport;

import java.io.IOException;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

/** Creates the negotiations of one transport method; both calls may block (gathering candidates, asking the server). */
public interface TransportFactory {
    /** The initiator's side, before anything is sent. */
    TransportNegotiation offer(NegotiationContext context) throws IOException;

    /** The responder's side, from the initiator's offer. */
    TransportNegotiation answer(NegotiationContext context, JingleContentTransport offer)
            throws IOException, BadTransportException;
}
