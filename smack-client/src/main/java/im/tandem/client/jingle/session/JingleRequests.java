package im.tandem.client.jingle.session;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;

/** Builds the Jingle requests an XML stream session sends, addressed to its peer. */
final class JingleRequests {
    private JingleRequests() {
    }

    /** session-initiate: the application and our offer. */
    static Jingle initiate(SessionBase session, IceUdpTransport offer) {
        return session.request(JingleAction.session_initiate).addJingleContent(content(session, offer, true)).build();
    }

    /** session-accept: the application and our answer, naming us as responder (XEP-0166 §6.5). */
    static Jingle accept(SessionBase session, IceUdpTransport answer) {
        return session.request(JingleAction.session_accept).setResponder(session.responder())
                .addJingleContent(content(session, answer, true)).build();
    }

    /** transport-info: trickled candidates, without the application (XEP-0176 §5.3). */
    static Jingle transportInfo(SessionBase session, IceUdpTransport update) {
        return session.request(JingleAction.transport_info).addJingleContent(content(session, update, false))
                .build();
    }

    private static JingleContent content(SessionBase session, IceUdpTransport transport, boolean withApplication) {
        JingleContent.Builder content = session.content().setTransport(transport);
        if (withApplication) {
            content.setSenders(JingleContent.Senders.both).setDescription(XmlStreamDescription.INSTANCE);
        }
        return content.build();
    }
}
