package im.tandem.client.jingle.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.element.RejectedJingle;

/** The registered {@link JingleApplication}s, and which of them a request belongs to. */
final class JingleApplications {
    private final List<JingleApplication> applications = new CopyOnWriteArrayList<>();

    void add(JingleApplication application) {
        applications.add(application);
    }

    List<JingleApplication> all() {
        return applications;
    }

    /**
     * The application that owns the request's session, else the one whose description a session-initiate
     * carries; empty when the request is for the XML stream sessions (or for nobody).
     */
    Optional<JingleApplication> of(IQ request) {
        FullJid peer = request.getFrom() == null ? null : request.getFrom().asFullJidIfPossible();
        Optional<String> sid = request instanceof Jingle jingle ? Optional.ofNullable(jingle.getSid())
                : request instanceof RejectedJingle rejected ? rejected.sessionId() : Optional.empty();
        if (peer != null && sid.isPresent()) {
            SessionKey key = new SessionKey(peer, sid.get());
            for (JingleApplication application : applications) {
                if (application.owns(key)) {
                    return Optional.of(application);
                }
            }
        }
        Optional<String> offered = offeredApplication(request);
        return offered.flatMap(namespace -> applications.stream()
                .filter(application -> application.namespace().equals(namespace)).findFirst());
    }

    private static Optional<String> offeredApplication(IQ request) {
        if (!(request instanceof Jingle jingle) || jingle.getAction() != JingleAction.session_initiate
                || jingle.getContents().isEmpty()) {
            return Optional.empty();
        }
        JingleContent first = jingle.getContents().get(0);
        return first.getDescription() == null ? Optional.empty() : Optional.of(first.getDescription().getNamespace());
    }
}
