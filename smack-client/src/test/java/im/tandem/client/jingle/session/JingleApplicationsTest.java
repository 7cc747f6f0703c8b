package im.tandem.client.jingle.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;
import org.jivesoftware.smackx.jingle.element.JingleError;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentDescription;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.XmlStreamDescription;

/**
 * One router for every application: offers go to the application their description names, later requests to
 * the session they address, and the checks every application shares (strangers, unknown sessions, actions an
 * application lacks) are made once, alike for all.
 */
class JingleApplicationsTest {
    private static final FullJid ME = JidCreate.entityFullFromOrThrowUnchecked("bob@example.org/tandem");
    private static final FullJid PEER = JidCreate.entityFullFromOrThrowUnchecked("alice@example.org/tandem");
    private static final FullJid STRANGER = JidCreate.entityFullFromOrThrowUnchecked("mallory@example.org/x");
    private static final String FILES = "urn:example:files";

    private final RecordingSignalling signalling = new RecordingSignalling(ME);
    private final Set<BareJid> contacts = new HashSet<>(Set.of(PEER.asBareJid()));
    private final JingleSessions sessions = new JingleSessions(signalling, contacts::contains);
    private final XmlStreamSessions xmlStreams = new XmlStreamSessions(sessions);
    private final RecordingApplication files = new RecordingApplication();

    JingleApplicationsTest() {
        sessions.addApplication(files);
    }

    @Test
    void anOfferOfTheApplicationGoesToItAfterTheAcknowledgementAndLaterRequestsToItsSession() {
        JingleReply reply = sessions.handle(request(PEER, JingleAction.session_initiate, "f1", files()));
        assertThat(reply.response().getType()).isEqualTo(IQ.Type.result);
        assertThat(files.offered).isEmpty();
        reply.afterwards().run();

        sessions.handle(request(PEER, JingleAction.session_terminate, "f1", null));

        assertThat(files.offered).containsExactly("f1");
        assertThat(files.session.events).containsExactly("initiate", "terminate");
        assertThat(xmlStreams.live()).isEmpty();
    }

    @Test
    void otherDescriptionsStayWithTheirOwnApplication() {
        sessions.handle(request(PEER, JingleAction.session_initiate, "chat1", XmlStreamDescription.INSTANCE));

        assertThat(files.offered).isEmpty();
        assertThat(xmlStreams.live()).extracting(JingleSession::sid).containsExactly("chat1");
    }

    @Test
    void aStrangersOfferIsDeclinedByTheRouterWithTheOneTextBeforeTheApplicationHearsOfIt() {
        sessions.handle(request(STRANGER, JingleAction.session_initiate, "f2", files())).afterwards().run();

        assertThat(files.offered).isEmpty();
        assertThat(files.session.events).containsExactly("initiate",
                "terminate decline " + JingleSessions.NOT_A_CONTACT);
    }

    @Test
    void anUnknownApplicationIsAcknowledgedThenRefusedNamingWhatWeTake() {
        JingleContentDescription rtp = new UnknownJingleContentDescription(
                StandardExtensionElement.builder("description", "urn:xmpp:jingle:apps:rtp:1").build());
        sessions.handle(request(PEER, JingleAction.session_initiate, "rtp1", rtp)).afterwards().run();

        Jingle terminate = signalling.lastRequest();
        assertThat(terminate.getAction()).isEqualTo(JingleAction.session_terminate);
        assertThat(terminate.getReason().asEnum()).isEqualTo(JingleReason.Reason.unsupported_applications);
        assertThat(terminate.getReason().getText()).contains(XmlStreamDescription.NAMESPACE, FILES);
        assertThat(sessions.live()).isEmpty();
    }

    @Test
    void anActionTheApplicationLacksIsNotImplementedAndAPayloadItDoesNotKnowIsUnsupportedInfo() {
        sessions.handle(request(PEER, JingleAction.session_initiate, "f3", files()));
        IQ replace = sessions.handle(request(PEER, JingleAction.transport_replace, "f3", files())).response();
        Jingle info = Jingle.builder("info-f3").from(PEER).to(ME).setAction(JingleAction.session_info)
                .setSessionId("f3").setInitiator(PEER)
                .addExtension(StandardExtensionElement.builder("ringing", "urn:example:other").build()).build();
        IQ unknownInfo = sessions.handle(info).response();

        assertThat(replace.getError().getCondition().toString()).isEqualTo("feature-not-implemented");
        assertThat((Object) unknownInfo.getError().getExtension(JingleError.UNSUPPORTED_INFO.getElementName(),
                JingleError.NAMESPACE)).isNotNull();
        assertThat(files.session.events).containsExactly("initiate");
    }

    @Test
    void theXmlStreamAndEveryRegisteredApplicationAreSupported() {
        assertThat(sessions.supports(XmlStreamDescription.NAMESPACE)).isTrue();
        assertThat(sessions.supports(FILES)).isTrue();
        assertThat(sessions.supports("urn:xmpp:jingle:apps:rtp:1")).isFalse();
    }

    @Test
    void everyApplicationsSessionsEndWhenThePeerOrTheConnectionGoes() {
        sessions.handle(request(PEER, JingleAction.session_initiate, "f4", files()));
        sessions.peerWentOffline(PEER);
        sessions.handle(request(PEER, JingleAction.session_initiate, "f5", files()));
        sessions.connectionLost();

        assertThat(files.ended).containsExactly("f4 gone PEER", "f5 connectivity-error LOCAL");
        assertThat(sessions.live()).isEmpty();
    }

    private static JingleContentDescription files() {
        return new UnknownJingleContentDescription(StandardExtensionElement.builder("description", FILES).build());
    }

    private static Jingle request(FullJid from, JingleAction action, String sid,
            JingleContentDescription description) {
        Jingle.Builder jingle = Jingle.builder("id-" + sid + "-" + action).from(from).to(ME).setAction(action)
                .setSessionId(sid).setInitiator(from);
        if (description != null) {
            jingle.addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                    .setName("c").setDescription(description).setTransport(JingleSamples.transport()).build());
        }
        return jingle.build();
    }

    /** An application that records what reaches it and its one live session. */
    private final class RecordingApplication implements JingleApplication {
        final List<String> offered = new ArrayList<>();
        final List<String> ended = new ArrayList<>();
        RecordingSession session;

        @Override
        public String namespace() {
            return FILES;
        }

        @Override
        public boolean complete(JingleContent content) {
            return content.getDescription() != null && content.getTransport() != null;
        }

        @Override
        public String completeContent() {
            return "a description and a transport";
        }

        @Override
        public RoutedSession incoming(SessionKey key, Jingle offer) {
            session = new RecordingSession(key);
            return session;
        }

        @Override
        public void offered(RoutedSession offeredSession, Jingle offer) {
            offered.add(offeredSession.key().sid());
        }

        private final class RecordingSession implements RoutedSession {
            private final SessionKey key;
            final List<String> events = new ArrayList<>();

            RecordingSession(SessionKey key) {
                this.key = key;
            }

            @Override
            public SessionKey key() {
                return key;
            }

            @Override
            public String contentName() {
                return "c";
            }

            @Override
            public void receivedInitiate() {
                events.add("initiate");
            }

            @Override
            public Runnable receivedAccept(JingleContent content) {
                events.add("accept");
                return null;
            }

            @Override
            public Runnable receivedTransportInfo(JingleContent content) {
                events.add("transport-info");
                return null;
            }

            @Override
            public void receivedSessionInfo(List<ExtensionElement> payloads) {
                events.add("session-info");
            }

            @Override
            public void receivedTerminate(JingleReason reason) {
                events.add("terminate");
                sessions.forget(this);
            }

            @Override
            public void terminate(JingleReason.Reason reason, String text) {
                events.add("terminate " + reason + " " + text);
                sessions.forget(this);
            }

            @Override
            public void signallingFailed(JingleReason.Reason reason, String text, SessionEnd.Side endedBy) {
                ended.add(key.sid() + " " + reason + " " + endedBy);
                sessions.forget(this);
            }
        }
    }
}
