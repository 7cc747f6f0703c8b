package im.tandem.client.jingle.session;

import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;

/**
 * The XML stream application (XEP-0247 style, for direct chat) over ICE-UDP: offers direct sessions and decides
 * about offered ones, through the account's {@link JingleSessions}.
 */
public final class XmlStreamSessions implements JingleApplication {
    private static final Logger LOG = Logger.getLogger(XmlStreamSessions.class.getName());
    /** XEP-0247's example name for the one content of an XML stream session. */
    static final String CONTENT_NAME = "xmlstream";
    /** Until the application installs a handler, offers are declined rather than left pending. */
    static final String NOT_ACCEPTING = "not accepting direct sessions";

    private final JingleSessions sessions;
    private volatile IncomingSessionHandler incomingHandler =
            (session, offer) -> session.terminate(JingleReason.Reason.decline, NOT_ACCEPTING);

    /** The XML stream application of {@code sessions}, added to it. */
    public XmlStreamSessions(JingleSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        sessions.addApplication(this);
    }

    /** Who decides about offers from mutual contacts; offers from anyone else are declined before it is asked. */
    public void setIncomingSessionHandler(IncomingSessionHandler handler) {
        this.incomingHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Offers {@code peer} a direct session. The listener is in place before the offer leaves, so it sees every
     * answer. Returns at once: the session is in {@link SessionState#SENT_INITIATE} and the listener hears the rest.
     *
     * @throws DirectSessionRefusedException if the peer is not a mutual contact; nothing is sent
     */
    public JingleSession initiate(FullJid peer, IceUdpTransport offer, JingleSessionListener listener)
            throws DirectSessionRefusedException {
        JingleSession session = JingleSession.outgoing(new SessionKey(peer, SessionIds.next()), CONTENT_NAME,
                sessions.signalling(), sessions.policy(), sessions::forget);
        session.addListener(listener);
        sessions.register(session);
        try {
            session.start(offer);
        } catch (DirectSessionRefusedException e) {
            sessions.forget(session);
            throw e;
        }
        return session;
    }

    /** The direct sessions that have not ended. */
    public List<JingleSession> live() {
        return sessions.live().stream().filter(JingleSession.class::isInstance).map(JingleSession.class::cast)
                .toList();
    }

    @Override
    public String namespace() {
        return XmlStreamDescription.NAMESPACE;
    }

    @Override
    public RoutedSession incoming(SessionKey key, Jingle offer) {
        return sessions.newIncoming(key, offer);
    }

    /** Refuses what we cannot do, then hands the offer to the handler; a failing handler ends the session. */
    @Override
    public void offered(RoutedSession routed, Jingle offer) {
        JingleSession session = (JingleSession) routed;
        List<JingleContent> contents = offer.getContents();
        if (contents.size() > 1) {
            session.terminate(JingleReason.Reason.unsupported_applications,
                    "one XML stream (" + XmlStreamDescription.NAMESPACE + ") per session is supported");
            return;
        }
        if (!(contents.get(0).getTransport() instanceof IceUdpTransport transport)) {
            session.terminate(JingleReason.Reason.unsupported_transports,
                    "only " + IceUdpTransport.NAMESPACE + " is supported");
            return;
        }
        try {
            incomingHandler.offered(session, transport);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the incoming-session handler failed on " + session, e);
            session.terminate(JingleReason.Reason.general_error, "the client failed to handle the offer");
        }
    }
}
