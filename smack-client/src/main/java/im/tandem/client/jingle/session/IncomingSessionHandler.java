package im.tandem.client.jingle.session;

import im.tandem.client.jingle.element.IceUdpTransport;

/**
 * Decides about a session a mutual contact offered us, which has already been acknowledged and is in
 * {@link SessionState#RECEIVED_INITIATE}. The handler must answer, now or later and from any thread, with
 * {@link JingleSession#accept} or {@link JingleSession#terminate}; it must not block the signalling thread.
 */
@FunctionalInterface
public interface IncomingSessionHandler {
    void offered(JingleSession session, IceUdpTransport offer);
}
