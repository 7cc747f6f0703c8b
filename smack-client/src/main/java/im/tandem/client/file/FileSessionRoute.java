package im.tandem.client.file;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;

import im.tandem.client.file.element.FileSessionInfo;
import im.tandem.client.jingle.session.MalformedRequestException;
import im.tandem.client.jingle.session.RoutedSession;
import im.tandem.client.jingle.session.SessionEnd;
import im.tandem.client.jingle.session.SessionKey;

/**
 * A file session as the Jingle router drives it: each action goes to the {@link FileSession}, and a request the
 * session finds malformed becomes the router's bad-request. Equal for the same session, so that the router's
 * table forgets exactly the session that ended.
 */
record FileSessionRoute(FileSession session) implements RoutedSession {
    @Override
    public SessionKey key() {
        return session.key();
    }

    @Override
    public String contentName() {
        return session.contentName();
    }

    @Override
    public void receivedInitiate() {
        session.receivedInitiate();
    }

    @Override
    public Runnable receivedAccept(JingleContent content) throws MalformedRequestException {
        try {
            session.receivedAccept(content);
            return null;
        } catch (BadRequestException e) {
            throw malformed(e);
        }
    }

    @Override
    public Runnable receivedTransportInfo(JingleContent content) throws MalformedRequestException {
        try {
            session.receivedTransportInfo(content);
            return null;
        } catch (BadRequestException e) {
            throw malformed(e);
        }
    }

    @Override
    public Runnable receivedTransportReplace(JingleContent content) throws MalformedRequestException {
        try {
            return session.receivedTransportReplace(content);
        } catch (BadRequestException e) {
            throw malformed(e);
        }
    }

    @Override
    public Runnable receivedTransportAccept(JingleContent content) throws MalformedRequestException {
        try {
            session.receivedTransportAccept(content);
            return null;
        } catch (BadRequestException e) {
            throw malformed(e);
        }
    }

    @Override
    public Runnable receivedTransportReject(JingleContent content) throws MalformedRequestException {
        try {
            return session.receivedTransportReject();
        } catch (BadRequestException e) {
            throw malformed(e);
        }
    }

    /** XEP-0234's checksum and received; anything else is another application's. */
    @Override
    public boolean understands(ExtensionElement payload) {
        return payload instanceof FileSessionInfo;
    }

    @Override
    public void receivedSessionInfo(List<ExtensionElement> payloads) {
        session.receivedSessionInfo(payloads);
    }

    @Override
    public void receivedTerminate(JingleReason reason) {
        session.receivedTerminate(reason);
    }

    @Override
    public void terminate(JingleReason.Reason reason, String text) {
        session.refuse(reason, text);
    }

    @Override
    public void signallingFailed(JingleReason.Reason reason, String text, SessionEnd.Side endedBy) {
        session.signallingFailed(reason, text);
    }

    private static MalformedRequestException malformed(BadRequestException e) {
        return new MalformedRequestException(e.getMessage());
    }
}
