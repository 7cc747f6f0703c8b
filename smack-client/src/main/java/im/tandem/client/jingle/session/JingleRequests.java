package im.tandem.client.jingle.session;

import org.jivesoftware.smack.packet.id.StandardStanzaIdSource;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;

/** Builds the Jingle requests a session sends, addressed to its peer. */
final class JingleRequests {
    private JingleRequests() {
    }

    /** session-initiate: the application and our offer. */
    static Jingle initiate(JingleSession session, IceUdpTransport offer) {
        return base(session, JingleAction.session_initiate).addJingleContent(content(session, offer, true)).build();
    }

    /** session-accept: the application and our answer, naming us as responder (XEP-0166 §6.5). */
    static Jingle accept(JingleSession session, IceUdpTransport answer) {
        return base(session, JingleAction.session_accept).setResponder(session.responder())
                .addJingleContent(content(session, answer, true)).build();
    }

    /** transport-info: trickled candidates, without the application (XEP-0176 §5.3). */
    static Jingle transportInfo(JingleSession session, IceUdpTransport update) {
        return base(session, JingleAction.transport_info).addJingleContent(content(session, update, false)).build();
    }

    static Jingle terminate(JingleSession session, JingleReason.Reason reason, String text) {
        return base(session, JingleAction.session_terminate)
                .setReason(new JingleReason(reason, text.isEmpty() ? null : text, null)).build();
    }

    private static Jingle.Builder base(JingleSession session, JingleAction action) {
        return Jingle.builder(StandardStanzaIdSource.DEFAULT.getNewStanzaId())
                .to(session.peer())
                .setAction(action)
                .setSessionId(session.sid())
                .setInitiator(session.initiator());
    }

    private static JingleContent content(JingleSession session, IceUdpTransport transport, boolean withApplication) {
        JingleContent.Builder content = JingleContent.getBuilder()
                .setCreator(JingleContent.Creator.initiator)
                .setName(session.contentName())
                .setTransport(transport);
        if (withApplication) {
            content.setSenders(JingleContent.Senders.both).setDescription(XmlStreamDescription.INSTANCE);
        }
        return content.build();
    }
}
