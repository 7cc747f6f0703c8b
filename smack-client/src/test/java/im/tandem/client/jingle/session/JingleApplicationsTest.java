package im.tandem.client.jingle.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentDescription;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.RejectedJingle;
import im.tandem.client.jingle.element.XmlStreamDescription;

/** Which requests go to a registered application and which stay with the XML stream sessions. */
class JingleApplicationsTest {
    private static final FullJid ME = JidCreate.entityFullFromOrThrowUnchecked("bob@example.org/tandem");
    private static final FullJid PEER = JidCreate.entityFullFromOrThrowUnchecked("alice@example.org/tandem");
    private static final String FILES = "urn:example:files";

    private final JingleSessions sessions = new JingleSessions(new RecordingSignalling(ME), peer -> true);
    private final RecordingApplication files = new RecordingApplication();

    JingleApplicationsTest() {
        sessions.addApplication(files);
    }

    @Test
    void anOfferOfTheApplicationGoesToItAndLaterRequestsForItsSessionsFollow() {
        Jingle offer = request(JingleAction.session_initiate, "f1",
                new UnknownJingleContentDescription(StandardExtensionElement.builder("description", FILES).build()));
        sessions.handle(offer);
        files.owned.add(new SessionKey(PEER, "f1"));
        Jingle terminate = request(JingleAction.session_terminate, "f1", null);
        sessions.handle(terminate);
        RejectedJingle malformed = new RejectedJingle(StanzaBuilder.buildIqData("bad1").from(PEER).to(ME)
                .ofType(IQ.Type.set), "f1", RejectedJingle.Problem.MALFORMED, "bad");
        sessions.handle(malformed);

        assertThat(files.handled).containsExactly(offer, terminate, malformed);
    }

    @Test
    void otherSessionsStayWithTheXmlStreamSessions() {
        IQ unknown = sessions.handle(request(JingleAction.session_terminate, "chat1", null)).response();
        JingleReply chat = sessions.handle(request(JingleAction.session_initiate, "chat2",
                XmlStreamDescription.INSTANCE));

        assertThat(files.handled).isEmpty();
        assertThat(unknown.getError().getCondition().toString()).isEqualTo("item-not-found");
        assertThat(chat.response().getType()).isEqualTo(IQ.Type.result);
        assertThat(sessions.live()).extracting(JingleSession::sid).containsExactly("chat2");
    }

    @Test
    void theXmlStreamAndEveryRegisteredApplicationAreSupported() {
        assertThat(sessions.supports(XmlStreamDescription.NAMESPACE)).isTrue();
        assertThat(sessions.supports(FILES)).isTrue();
        assertThat(sessions.supports("urn:xmpp:jingle:apps:rtp:1")).isFalse();
    }

    @Test
    void theApplicationHearsWhenPeersAndTheConnectionGo() {
        sessions.peerWentOffline(PEER);
        sessions.connectionLost();

        assertThat(files.events).containsExactly("offline " + PEER, "connection lost");
    }

    private static Jingle request(JingleAction action, String sid,
            JingleContentDescription description) {
        Jingle.Builder jingle = Jingle.builder("id-" + sid + "-" + action).from(PEER).to(ME).setAction(action)
                .setSessionId(sid).setInitiator(PEER);
        if (description != null) {
            jingle.addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                    .setName("c").setDescription(description).setTransport(JingleSamples.transport()).build());
        }
        return jingle.build();
    }

    private static final class RecordingApplication implements JingleApplication {
        final Set<SessionKey> owned = new HashSet<>();
        final List<IQ> handled = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public String namespace() {
            return FILES;
        }

        @Override
        public boolean owns(SessionKey key) {
            return owned.contains(key);
        }

        @Override
        public JingleReply handle(IQ request) {
            handled.add(request);
            return JingleReply.of(IQ.createResultIQ(request));
        }

        @Override
        public void peerWentOffline(FullJid peer) {
            events.add("offline " + peer);
        }

        @Override
        public void connectionLost() {
            events.add("connection lost");
        }
    }
}
