package im.tandem.client.direct;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.session.JingleSession;

/**
 * Starts attempts at direct sessions. Each attempt reports back to the conversation that started it, always from
 * another thread and after the call that started it has returned.
 */
interface Attempts {
    /** Offers the contact a direct session, if its online resource is a Tandem client we may connect to. */
    Attempt initiate(Conversation conversation);

    /** Answers a session the contact offered. */
    Attempt respond(Conversation conversation, JingleSession session, IceUdpTransport offer);
}
