package im.tandem.client.file;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

/** Builds the Jingle requests of a file session (XEP-0234), addressed to its peer. */
final class FileRequests {
    private FileRequests() {
    }

    /** session-initiate: the file offer with our first transport. */
    static Jingle initiate(FileSession session, JingleContentTransport transport) {
        return session.jingle().request(JingleAction.session_initiate)
                .addJingleContent(content(session, transport, true)).build();
    }

    /** session-accept: the file, echoed, with our transport, naming us as responder (XEP-0166 §6.5). */
    static Jingle accept(FileSession session, JingleContentTransport transport) {
        return session.jingle().request(JingleAction.session_accept).setResponder(session.jingle().responder())
                .addJingleContent(content(session, transport, true)).build();
    }

    /** transport-info, transport-replace, transport-accept, transport-reject: the content with a transport only. */
    static Jingle transport(FileSession session, JingleAction action, JingleContentTransport transport) {
        return session.jingle().request(action).addJingleContent(content(session, transport, false)).build();
    }

    private static JingleContent content(FileSession session, JingleContentTransport transport,
            boolean withDescription) {
        JingleContent.Builder content = session.jingle().content().setTransport(transport);
        if (withDescription) {
            // A file offer: the initiator sends (XEP-0234 §4.1).
            content.setSenders(JingleContent.Senders.initiator).setDescription(session.description());
        }
        return content.build();
    }
}
