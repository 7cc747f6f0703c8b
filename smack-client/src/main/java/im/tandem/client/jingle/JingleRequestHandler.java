package im.tandem.client.jingle;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;

import im.tandem.client.jingle.session.JingleReply;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.JingleSignalling;

/**
 * Receives every {@code <jingle/>} IQ set. Runs in Smack's ordered mode, so a peer's requests are handled in the
 * order they arrived (a transport-info never overtakes its session-initiate). Sends the answer itself, then
 * the follow-up, so that a responder's accept or terminate always comes after its acknowledgement.
 */
final class JingleRequestHandler extends AbstractIqRequestHandler {
    private static final Logger LOG = Logger.getLogger(JingleRequestHandler.class.getName());

    private final JingleSessions sessions;
    private final JingleSignalling signalling;

    JingleRequestHandler(JingleSessions sessions, JingleSignalling signalling) {
        super(Jingle.ELEMENT, Jingle.NAMESPACE, IQ.Type.set, Mode.sync);
        this.sessions = sessions;
        this.signalling = signalling;
    }

    /** Always returns null: the answer has already been sent. */
    @Override
    public IQ handleIQRequest(IQ request) {
        JingleReply reply = sessions.handle(request);
        signalling.respond(reply.response());
        try {
            reply.afterwards().run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the follow-up to a Jingle request from " + request.getFrom() + " failed", e);
        }
        return null;
    }
}
