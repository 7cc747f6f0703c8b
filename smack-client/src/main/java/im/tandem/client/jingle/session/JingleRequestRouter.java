package im.tandem.client.jingle.session;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;

/**
 * Answers every incoming Jingle request with a result or the error XEP-0166 prescribes, and drives the
 * addressed session. The checks run in a fixed order: is the request well formed (bad-request), is there such
 * a session (unknown-session), does the action fit its state (out-of-order). A request that fails a check changes
 * nothing, so a malformed stanza never breaks a session.
 */
final class JingleRequestRouter {
    /** Told to anyone who is not a mutual contact; says why without revealing anything about us. */
    static final String NOT_A_CONTACT = "direct sessions are only made with mutual contacts";

    private final JingleSessions sessions;

    JingleRequestRouter(JingleSessions sessions) {
        this.sessions = sessions;
    }

    JingleReply handle(IQ request) {
        return JingleRequestGate.pass(request, key -> sessions.find(key).isPresent(), this::route);
    }

    private JingleReply route(Jingle jingle, FullJid peer) {
        return switch (jingle.getAction()) {
            case session_initiate -> initiate(jingle, peer);
            case session_accept -> withSession(jingle, peer, session -> session.receivedAccept(
                    transportOf(jingle, session, true)));
            case transport_info -> withSession(jingle, peer, session -> session.receivedTransportInfo(
                    transportOf(jingle, session, false)));
            case session_terminate -> withSession(jingle, peer,
                    session -> session.receivedTerminate(jingle.getReason()));
            // The parser turns a session-info with an unknown payload into a RejectedJingle; payloads another
            // application registered mean nothing to an XML stream session. Without a payload it is a ping.
            case session_info -> jingle.getExtensions().isEmpty()
                    ? withSession(jingle, peer, JingleSession::receivedPing)
                    : JingleReply.of(sessions.find(new SessionKey(peer, jingle.getSid())).isPresent()
                            ? JingleErrors.unsupportedInfo(jingle, "this session-info payload is not supported here")
                            : JingleErrors.unknownSession(jingle));
            default -> withSession(jingle, peer, session -> {
                throw new UnsupportedActionException(jingle.getAction() + " is not supported by this client");
            });
        };
    }

    private JingleReply initiate(Jingle jingle, FullJid peer) {
        Optional<IQ> malformed = JingleErrors.malformedInitiate(jingle, peer,
                content -> content.getDescription() != null && content.getTransport() != null,
                "a <description/> and a <transport/>");
        if (malformed.isPresent()) {
            return JingleReply.of(malformed.get());
        }
        List<JingleContent> contents = jingle.getContents();
        JingleSession session = sessions.createIncoming(new SessionKey(peer, jingle.getSid()),
                contents.get(0).getName());
        if (session == null) {
            return JingleReply.of(JingleErrors.outOfOrder(jingle, "session " + jingle.getSid() + " already exists"));
        }
        session.receivedInitiate();
        return new JingleReply(IQ.createResultIQ(jingle), decide(session, contents));
    }

    /**
     * The responder's next move, made after the acknowledgement: decline strangers before saying anything about
     * what we support, then refuse what we cannot do, then let the application decide.
     */
    private Runnable decide(JingleSession session, List<JingleContent> contents) {
        if (!sessions.policy().mayConnectDirectly(session.peer().asBareJid())) {
            return () -> session.terminate(JingleReason.Reason.decline, NOT_A_CONTACT);
        }
        JingleContent content = contents.get(0);
        if (contents.size() > 1 || !(content.getDescription() instanceof XmlStreamDescription)) {
            return () -> session.terminate(JingleReason.Reason.unsupported_applications,
                    "one XML stream (" + XmlStreamDescription.NAMESPACE + ") per session is supported");
        }
        if (!(content.getTransport() instanceof IceUdpTransport offer)) {
            return () -> session.terminate(JingleReason.Reason.unsupported_transports,
                    "only " + IceUdpTransport.NAMESPACE + " is supported");
        }
        return () -> sessions.offer(session, offer);
    }

    private JingleReply withSession(Jingle jingle, FullJid peer, SessionAction action) {
        Optional<JingleSession> session = sessions.find(new SessionKey(peer, jingle.getSid()));
        if (session.isEmpty()) {
            return JingleReply.of(JingleErrors.unknownSession(jingle));
        }
        try {
            action.apply(session.get());
            return JingleReply.of(IQ.createResultIQ(jingle));
        } catch (MalformedRequestException e) {
            return JingleReply.of(JingleErrors.badRequest(jingle, e.getMessage()));
        } catch (IllegalTransitionException e) {
            return JingleReply.of(JingleErrors.outOfOrder(jingle,
                    jingle.getAction() + " does not fit the session's state " + e.state()));
        } catch (UnsupportedActionException e) {
            return JingleReply.of(JingleErrors.notImplemented(jingle, e.getMessage()));
        }
    }

    /** The one content of our sessions, with its ICE-UDP transport (and XML stream application if required). */
    private static IceUdpTransport transportOf(Jingle jingle, JingleSession session, boolean withApplication)
            throws MalformedRequestException {
        List<JingleContent> contents = jingle.getContents();
        if (contents.size() != 1 || !contents.get(0).getName().equals(session.contentName())) {
            throw new MalformedRequestException(jingle.getAction() + " must carry the one content '"
                    + session.contentName() + "'");
        }
        JingleContent content = contents.get(0);
        if (withApplication && !(content.getDescription() instanceof XmlStreamDescription)) {
            throw new MalformedRequestException(jingle.getAction() + " must keep the application "
                    + XmlStreamDescription.NAMESPACE);
        }
        if (!(content.getTransport() instanceof IceUdpTransport transport)) {
            throw new MalformedRequestException(jingle.getAction() + " must carry an " + IceUdpTransport.NAMESPACE
                    + " transport");
        }
        return transport;
    }

    /** What a request does to its session; may refuse it as malformed, out of order or unsupported. */
    @FunctionalInterface
    private interface SessionAction {
        void apply(JingleSession session) throws MalformedRequestException, UnsupportedActionException;
    }

    /** A XEP-0166 action this client does not implement. */
    private static final class UnsupportedActionException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedActionException(String message) {
            super(message);
        }
    }
}
