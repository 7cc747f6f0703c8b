package im.tandem.client.jingle.session;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;

/**
 * A session of any Jingle application as the {@link JingleRouter} drives it: one method per XEP-0166 action. The
 * router has already checked the sender, the session and, for actions that carry one, that the request holds the
 * session's one content; the session checks the rest and applies the request, or refuses it by throwing, and the
 * router answers with the matching error. A request that is refused changes nothing.
 *
 * <p>An action returns what to do once its acknowledgement has left, or null for nothing: XEP-0166 wants a
 * request acknowledged before the answer to it (a transport-accept after a transport-replace, for instance).
 * Actions an application does not implement keep the defaults, answered with {@code <feature-not-implemented/>}.
 */
public interface RoutedSession {
    SessionKey key();

    /** The name of the session's one content. */
    String contentName();

    /** Responder: the peer's session-initiate is about to be acknowledged. */
    void receivedInitiate();

    Runnable receivedAccept(JingleContent content) throws MalformedRequestException;

    Runnable receivedTransportInfo(JingleContent content) throws MalformedRequestException;

    default Runnable receivedTransportReplace(JingleContent content)
            throws MalformedRequestException, UnsupportedActionException {
        throw new UnsupportedActionException("transport-replace");
    }

    default Runnable receivedTransportAccept(JingleContent content)
            throws MalformedRequestException, UnsupportedActionException {
        throw new UnsupportedActionException("transport-accept");
    }

    default Runnable receivedTransportReject(JingleContent content)
            throws MalformedRequestException, UnsupportedActionException {
        throw new UnsupportedActionException("transport-reject");
    }

    /** Whether a session-info payload means something to this session; others get {@code <unsupported-info/>}. */
    default boolean understands(ExtensionElement payload) {
        return false;
    }

    /** A session-info whose payloads are all understood; none is a ping. */
    void receivedSessionInfo(List<ExtensionElement> payloads);

    /** The peer ended the session; no reason reads as {@code <success/>}. */
    void receivedTerminate(JingleReason reason);

    /** Ends the session at our side and tells the peer why; does nothing once it has ended. */
    void terminate(JingleReason.Reason reason, String text);

    /**
     * The signalling path broke (the peer's resource went offline, or our connection closed): the session ends
     * without a word to the peer; does nothing once it has ended.
     */
    void signallingFailed(JingleReason.Reason reason, String text, SessionEnd.Side endedBy);
}
