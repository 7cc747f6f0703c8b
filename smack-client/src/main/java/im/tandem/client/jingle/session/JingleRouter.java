package im.tandem.client.jingle.session;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

/**
 * Answers every incoming Jingle request, for every application, with a result or the error XEP-0166 prescribes,
 * and drives the addressed session. The checks run in a fixed order: is the request well formed (bad-request),
 * is there such a session (unknown-session), does the action fit the session (bad-request, out-of-order,
 * feature-not-implemented). A request that fails a check changes nothing, so a malformed stanza never breaks a
 * session. Offers from anyone but a mutual contact are declined before the application hears of them, so a
 * stranger learns nothing of what we support.
 */
final class JingleRouter {
    private final JingleSessions sessions;

    JingleRouter(JingleSessions sessions) {
        this.sessions = sessions;
    }

    JingleReply handle(IQ request) {
        return JingleRequestGate.pass(request, key -> sessions.find(key).isPresent(), this::route);
    }

    private JingleReply route(Jingle jingle, FullJid peer) {
        return switch (jingle.getAction()) {
            case session_initiate -> initiate(jingle, peer);
            case session_accept -> withContent(jingle, peer, RoutedSession::receivedAccept);
            case transport_info -> withContent(jingle, peer, RoutedSession::receivedTransportInfo);
            case transport_replace -> withContent(jingle, peer, RoutedSession::receivedTransportReplace);
            case transport_accept -> withContent(jingle, peer, RoutedSession::receivedTransportAccept);
            case transport_reject -> withContent(jingle, peer, RoutedSession::receivedTransportReject);
            case session_info -> sessionInfo(jingle, peer);
            case session_terminate -> withSession(jingle, peer, session -> {
                session.receivedTerminate(jingle.getReason());
                return null;
            });
            default -> withSession(jingle, peer, session -> {
                throw new UnsupportedActionException(jingle.getAction().toString());
            });
        };
    }

    private JingleReply initiate(Jingle jingle, FullJid peer) {
        JingleApplication application = sessions.applicationFor(jingle);
        Optional<IQ> malformed = JingleErrors.malformedInitiate(jingle, peer, application::complete,
                application.completeContent());
        if (malformed.isPresent()) {
            return JingleReply.of(malformed.get());
        }
        RoutedSession session = application.incoming(new SessionKey(peer, jingle.getSid()), jingle);
        if (!sessions.registerIncoming(session)) {
            return JingleReply.of(JingleErrors.outOfOrder(jingle, "session " + jingle.getSid() + " already exists"));
        }
        session.receivedInitiate();
        return new JingleReply(IQ.createResultIQ(jingle), () -> decide(application, session, jingle));
    }

    /** The responder's next move, made after the acknowledgement: strangers first, then the application. */
    private void decide(JingleApplication application, RoutedSession session, Jingle offer) {
        if (!sessions.policy().mayConnectDirectly(session.key().peer().asBareJid())) {
            session.terminate(JingleReason.Reason.decline, JingleSessions.NOT_A_CONTACT);
            return;
        }
        application.offered(session, offer);
    }

    /**
     * A session-info: without a payload it is a ping; a payload the parser did not know already became a
     * RejectedJingle at the gate, and one another application registered means nothing to this session.
     */
    private JingleReply sessionInfo(Jingle jingle, FullJid peer) {
        List<ExtensionElement> payloads = jingle.getExtensions();
        return withSession(jingle, peer, session -> {
            if (!payloads.stream().allMatch(session::understands)) {
                throw new UnsupportedInfoException();
            }
            session.receivedSessionInfo(payloads);
            return null;
        });
    }

    /** An action on the session's one content, which the request must carry by its name. */
    private JingleReply withContent(Jingle jingle, FullJid peer, ContentAction action) {
        return withSession(jingle, peer, session -> action.apply(session, soleContent(jingle, session)));
    }

    private JingleReply withSession(Jingle jingle, FullJid peer, SessionAction action) {
        Optional<RoutedSession> session = sessions.find(new SessionKey(peer, jingle.getSid()));
        if (session.isEmpty()) {
            return JingleReply.of(JingleErrors.unknownSession(jingle));
        }
        try {
            Runnable afterwards = action.apply(session.get());
            return afterwards == null ? JingleReply.of(IQ.createResultIQ(jingle))
                    : new JingleReply(IQ.createResultIQ(jingle), afterwards);
        } catch (MalformedRequestException e) {
            return JingleReply.of(JingleErrors.badRequest(jingle, e.getMessage()));
        } catch (IllegalTransitionException e) {
            return JingleReply.of(JingleErrors.outOfOrder(jingle, jingle.getAction()
                    + " does not fit the session's state " + e.state()));
        } catch (UnsupportedActionException e) {
            return JingleReply.of(JingleErrors.notImplemented(jingle, e.getMessage()));
        } catch (UnsupportedInfoException e) {
            return JingleReply.of(JingleErrors.unsupportedInfo(jingle,
                    "this session-info payload is not supported here"));
        }
    }

    private static JingleContent soleContent(Jingle jingle, RoutedSession session) throws MalformedRequestException {
        List<JingleContent> contents = jingle.getContents();
        if (contents.size() != 1 || !contents.get(0).getName().equals(session.contentName())) {
            throw new MalformedRequestException(jingle.getAction() + " must carry the one content '"
                    + session.contentName() + "'");
        }
        return contents.get(0);
    }

    /** What a request does to its session; returns the follow-up, or null. */
    @FunctionalInterface
    private interface SessionAction {
        Runnable apply(RoutedSession session)
                throws MalformedRequestException, UnsupportedActionException, UnsupportedInfoException;
    }

    @FunctionalInterface
    private interface ContentAction {
        Runnable apply(RoutedSession session, JingleContent content)
                throws MalformedRequestException, UnsupportedActionException;
    }

    /** A session-info payload the session does not understand. */
    private static final class UnsupportedInfoException extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
