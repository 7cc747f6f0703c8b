package im.tandem.client.jingle.session;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleReason;

/**
 * Stands in for an application we do not have: its offer is acknowledged like any other (XEP-0166 answers an
 * unsupported application with session-terminate, not an error), then refused with
 * {@code <unsupported-applications/>} naming what we take, unless the sender is a stranger, who is only declined.
 */
final class UnsupportedApplication implements JingleApplication {
    private final JingleSessions sessions;

    UnsupportedApplication(JingleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String namespace() {
        return "";
    }

    @Override
    public RoutedSession incoming(SessionKey key, Jingle offer) {
        return sessions.newIncoming(key, offer);
    }

    @Override
    public void offered(RoutedSession session, Jingle offer) {
        session.terminate(JingleReason.Reason.unsupported_applications,
                "the applications supported here are " + String.join(", ", sessions.namespaces()));
    }
}
