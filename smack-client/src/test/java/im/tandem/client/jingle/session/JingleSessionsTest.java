package im.tandem.client.jingle.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.Role;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jivesoftware.smackx.jingle.element.JingleError;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentDescription;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentTransport;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.RejectedJingle;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;

/** The session registry and request router without a server: what is answered, sent and decided. */
class JingleSessionsTest {
    private static final FullJid ME = jid("bob@example.org/tandem");
    private static final FullJid PEER = jid("alice@example.org/tandem");
    private static final FullJid STRANGER = jid("mallory@example.org/tandem");
    /** The content name peers choose in these tests' offers; our own offers use {@link XmlStreamSessions#CONTENT_NAME}. */
    private static final String PEER_CONTENT = "peer-chat";
    private static final JingleSessionListener NO_LISTENER = new JingleSessionListener() { };

    private final RecordingSignalling signalling = new RecordingSignalling(ME);
    private final Set<BareJid> contacts = new HashSet<>(Set.of(PEER.asBareJid()));
    private final JingleSessions sessions = new JingleSessions(signalling, contacts::contains);
    private final XmlStreamSessions xmlStreams = new XmlStreamSessions(sessions);
    private final List<IceUdpTransport> offers = new ArrayList<>();

    JingleSessionsTest() {
        xmlStreams.setIncomingSessionHandler((session, offer) -> offers.add(offer));
    }

    @Test
    void anOfferToAContactGoesOutAsSessionInitiate() throws Exception {
        JingleSession session = xmlStreams.initiate(PEER, JingleSamples.transport(), NO_LISTENER);

        Jingle sent = signalling.lastRequest();
        assertThat(sent.getAction()).isEqualTo(JingleAction.session_initiate);
        assertThat((Object) sent.getTo()).isEqualTo(PEER);
        assertThat((Object) sent.getInitiator()).isEqualTo(ME);
        assertThat(sent.getSid()).isEqualTo(session.sid()).hasSizeGreaterThanOrEqualTo(22);
        JingleContent content = sent.getSoleContentOrThrow();
        assertThat(content.getDescription()).isSameAs(XmlStreamDescription.INSTANCE);
        assertThat(content.getTransport()).isEqualTo(JingleSamples.transport());
        assertThat(session.state()).isEqualTo(SessionState.SENT_INITIATE);
        assertThat(session.role()).isEqualTo(Role.initiator);
    }

    @Test
    void noOfferAndNoAddressGoToSomeoneWhoIsNotAMutualContact() {
        assertThatThrownBy(() -> xmlStreams.initiate(STRANGER, JingleSamples.transport(), NO_LISTENER))
                .isInstanceOf(DirectSessionRefusedException.class).hasMessageContaining("mallory@example.org");
        assertThat(signalling.requests).isEmpty();
        assertThat(sessions.live()).isEmpty();
    }

    @Test
    void anOfferFromAContactIsAcknowledgedBeforeTheApplicationHearsOfIt() {
        JingleReply reply = sessions.handle(offer(PEER, "s1"));

        assertThat(reply.response().getType()).isEqualTo(IQ.Type.result);
        assertThat(offers).isEmpty();
        reply.afterwards().run();
        assertThat(offers).containsExactly(JingleSamples.transport());
        assertThat(session(PEER, "s1").state()).isEqualTo(SessionState.RECEIVED_INITIATE);
        assertThat(session(PEER, "s1").role()).isEqualTo(Role.responder);
    }

    @Test
    void aStrangersOfferIsAcknowledgedThenDeclinedWithoutOurAddresses() {
        JingleReply reply = sessions.handle(offer(STRANGER, "s1"));
        JingleSession session = session(STRANGER, "s1");
        reply.afterwards().run();

        assertThat(reply.response().getType()).isEqualTo(IQ.Type.result);
        Jingle terminate = signalling.lastRequest();
        assertThat(terminate.getAction()).isEqualTo(JingleAction.session_terminate);
        assertThat(terminate.getReason().asEnum()).isEqualTo(JingleReason.Reason.decline);
        assertThat(terminate.getContents()).isEmpty();
        assertThat(signalling.requests).hasSize(1);
        assertThat(offers).isEmpty();
        assertThat(session.state()).isEqualTo(SessionState.TERMINATED);
        assertThat(session.end()).hasValueSatisfying(end -> {
            assertThat(end.reason()).isEqualTo(JingleReason.Reason.decline);
            assertThat(end.endedBy()).isEqualTo(SessionEnd.Side.LOCAL);
        });
        assertThat(sessions.live()).isEmpty();
    }

    @Test
    void anotherApplicationIsRefusedWithUnsupportedApplications() {
        JingleContentDescription rtp = new UnknownJingleContentDescription(
                StandardExtensionElement.builder("description", "urn:xmpp:jingle:apps:rtp:1").build());
        sessions.handle(initiate(PEER, "s1", rtp, JingleSamples.transport())).afterwards().run();

        assertThat(signalling.lastRequest().getReason().asEnum())
                .isEqualTo(JingleReason.Reason.unsupported_applications);
        assertThat(offers).isEmpty();
    }

    @Test
    void anotherTransportIsRefusedWithUnsupportedTransports() {
        JingleContentTransport s5b = new UnknownJingleContentTransport(
                StandardExtensionElement.builder("transport", "urn:xmpp:jingle:transports:s5b:1").build());
        sessions.handle(initiate(PEER, "s1", XmlStreamDescription.INSTANCE, s5b)).afterwards().run();

        assertThat(signalling.lastRequest().getReason().asEnum()).isEqualTo(JingleReason.Reason.unsupported_transports);
    }

    @Test
    void withoutAHandlerOffersAreDeclinedNotLeftPending() {
        JingleSessions plain = new JingleSessions(signalling, contacts::contains);
        new XmlStreamSessions(plain);
        plain.handle(offer(PEER, "s1")).afterwards().run();

        assertThat(signalling.lastRequest().getReason().asEnum()).isEqualTo(JingleReason.Reason.decline);
        assertThat(plain.live()).isEmpty();
    }

    @Test
    void anInitiatorThatIsNotTheSenderIsABadRequest() {
        Jingle forged = Jingle.builder("i1").from(PEER).to(ME).setAction(JingleAction.session_initiate)
                .setSessionId("s1").setInitiator(STRANGER)
                .addJingleContent(content(PEER_CONTENT, XmlStreamDescription.INSTANCE, JingleSamples.transport()))
                .build();

        assertError(sessions.handle(forged), StanzaError.Condition.bad_request, null);
        assertThat(sessions.live()).isEmpty();
    }

    @Test
    void aSecondOfferWithTheSameSidIsOutOfOrder() {
        sessions.handle(offer(PEER, "s1"));

        assertError(sessions.handle(offer(PEER, "s1")),
                StanzaError.Condition.unexpected_request, JingleError.OUT_OF_ORDER);
    }

    @Test
    void requestsForAnUnknownSessionGetUnknownSession() {
        assertError(sessions.handle(transportInfo(PEER, "nope", JingleSamples.transport())),
                StanzaError.Condition.item_not_found, JingleError.UNKNOWN_SESSION);
        assertError(sessions.handle(terminate(PEER, "nope")), StanzaError.Condition.item_not_found,
                JingleError.UNKNOWN_SESSION);
    }

    @Test
    void anotherSenderCannotTouchASessionEvenKnowingItsSid() {
        sessions.handle(offer(PEER, "s1"));

        assertError(sessions.handle(terminate(STRANGER, "s1")), StanzaError.Condition.item_not_found,
                JingleError.UNKNOWN_SESSION);
        assertThat(session(PEER, "s1").state()).isEqualTo(SessionState.RECEIVED_INITIATE);
    }

    @Test
    void aResponderReceivingAnAcceptAnswersOutOfOrderAndCarriesOn() {
        sessions.handle(offer(PEER, "s1"));

        assertError(sessions.handle(accept(PEER, "s1", PEER_CONTENT, JingleSamples.transport())),
                StanzaError.Condition.unexpected_request, JingleError.OUT_OF_ORDER);
        assertThat(session(PEER, "s1").state()).isEqualTo(SessionState.RECEIVED_INITIATE);
    }

    @Test
    void aMalformedAcceptIsABadRequestAndTheSessionStillTakesAGoodOne() throws Exception {
        JingleSession session = xmlStreams.initiate(PEER, JingleSamples.transport(), NO_LISTENER);
        Jingle withoutIce = Jingle.builder("a1").from(PEER).to(ME).setAction(JingleAction.session_accept)
                .setSessionId(session.sid()).addJingleContent(content(XmlStreamSessions.CONTENT_NAME,
                        XmlStreamDescription.INSTANCE, new UnknownJingleContentTransport(
                                StandardExtensionElement.builder("transport", "urn:x").build())))
                .build();

        assertError(sessions.handle(withoutIce), StanzaError.Condition.bad_request, null);
        assertThat(session.state()).isEqualTo(SessionState.SENT_INITIATE);
        JingleReply accepted = sessions.handle(accept(PEER, session.sid(), XmlStreamSessions.CONTENT_NAME,
                JingleSamples.transport()));
        assertThat(accepted.response().getType()).isEqualTo(IQ.Type.result);
        assertThat(session.state()).isEqualTo(SessionState.ACCEPTED);
    }

    @Test
    void theInitiatorHearsTheAnswerAndTrickledCandidates() throws Exception {
        List<String> heard = new ArrayList<>();
        JingleSession session = xmlStreams.initiate(PEER, JingleSamples.transport(), new JingleSessionListener() {
            @Override
            public void stateChanged(JingleSession s, SessionState from, SessionState to) {
                heard.add(from + "->" + to);
            }

            @Override
            public void remoteTransport(JingleSession s, IceUdpTransport transport) {
                heard.add("transport " + transport.candidates().size());
            }
        });
        IceUdpTransport trickled = IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS)
                .candidate(JingleSamples.ipv6Host()).build();

        sessions.handle(accept(PEER, session.sid(), XmlStreamSessions.CONTENT_NAME, JingleSamples.transport()));
        sessions.handle(transportInfo(PEER, session.sid(), trickled));
        sessions.handle(terminate(PEER, session.sid()));

        assertThat(heard).containsExactly("NULL->SENT_INITIATE", "SENT_INITIATE->ACCEPTED", "transport 3",
                "transport 1", "ACCEPTED->TERMINATED");
        assertThat(session.end()).hasValueSatisfying(end -> {
            assertThat(end.reason()).isEqualTo(JingleReason.Reason.success);
            assertThat(end.text()).isEqualTo("done");
            assertThat(end.endedBy()).isEqualTo(SessionEnd.Side.PEER);
        });
        assertError(sessions.handle(transportInfo(PEER, session.sid(), trickled)),
                StanzaError.Condition.item_not_found, JingleError.UNKNOWN_SESSION);
    }

    @Test
    void theResponderAcceptsAndTrickles() throws Exception {
        sessions.handle(offer(PEER, "s1")).afterwards().run();
        JingleSession session = session(PEER, "s1");

        session.accept(JingleSamples.transport());
        Jingle accept = signalling.lastRequest();
        session.sendTransportInfo(IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS)
                .candidate(JingleSamples.ipv6Host()).build());
        Jingle info = signalling.lastRequest();

        assertThat(accept.getAction()).isEqualTo(JingleAction.session_accept);
        assertThat((Object) accept.getResponder()).isEqualTo(ME);
        assertThat((Object) accept.getInitiator()).isEqualTo(PEER);
        assertThat(accept.getSoleContentOrThrow().getName()).isEqualTo(PEER_CONTENT);
        assertThat(info.getAction()).isEqualTo(JingleAction.transport_info);
        assertThat(info.getSoleContentOrThrow().getDescription()).isNull();
        assertThat(session.state()).isEqualTo(SessionState.ACCEPTED);
        assertThatThrownBy(() -> session.accept(JingleSamples.transport()))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void oncePeerStopsBeingAContactNoFurtherCandidatesLeave() {
        sessions.handle(offer(PEER, "s1")).afterwards().run();
        contacts.clear();

        assertThatThrownBy(() -> session(PEER, "s1").accept(JingleSamples.transport()))
                .isInstanceOf(DirectSessionRefusedException.class);
        assertThat(signalling.requests).isEmpty();
    }

    @Test
    void malformedAndUnsupportedInfoRequestsGetTheirErrors() throws Exception {
        sessions.handle(offer(PEER, "s1"));

        IQ malformed = new RejectedJingle(StanzaBuilder.buildIqData("r1").from(PEER).to(ME).ofType(IQ.Type.set), "s1",
                RejectedJingle.Problem.MALFORMED, "candidate attribute 'port' must be 1 to 65535, got 0");
        IQ badRequest = Wire.roundTrip(assertError(sessions.handle(malformed), StanzaError.Condition.bad_request,
                null));
        assertThat(badRequest.getError().getDescriptiveText()).contains("'port' must be 1 to 65535");

        assertError(sessions.handle(new RejectedJingle(StanzaBuilder.buildIqData("r2").from(PEER).to(ME)
                .ofType(IQ.Type.set), "s1", RejectedJingle.Problem.UNSUPPORTED_INFO, "ringing")),
                StanzaError.Condition.feature_not_implemented, JingleError.UNSUPPORTED_INFO);
        assertError(sessions.handle(new RejectedJingle(StanzaBuilder.buildIqData("r3").from(PEER).to(ME)
                .ofType(IQ.Type.set), "other", RejectedJingle.Problem.UNSUPPORTED_INFO, "ringing")),
                StanzaError.Condition.item_not_found, JingleError.UNKNOWN_SESSION);
        assertThat(session(PEER, "s1").state()).isEqualTo(SessionState.RECEIVED_INITIATE);
    }

    @Test
    void anEmptySessionInfoIsAnsweredAsAPingAndActionsWeLackAsNotImplemented() {
        sessions.handle(offer(PEER, "s1"));

        Jingle ping = Jingle.builder("p1").from(PEER).to(ME).setAction(JingleAction.session_info).setSessionId("s1")
                .build();
        Jingle contentAdd = Jingle.builder("c1").from(PEER).to(ME).setAction(JingleAction.content_add)
                .setSessionId("s1").build();

        assertThat(sessions.handle(ping).response().getType()).isEqualTo(IQ.Type.result);
        assertError(sessions.handle(contentAdd), StanzaError.Condition.feature_not_implemented, null);
    }

    @Test
    void aRejectedRequestEndsTheSessionAndTellsThePeer() throws Exception {
        sessions.handle(offer(PEER, "s1")).afterwards().run();
        JingleSession session = session(PEER, "s1");
        session.accept(JingleSamples.transport());

        signalling.requests.get(0).onFailure().accept(new XMPPException.XMPPErrorException(null,
                StanzaError.getBuilder(StanzaError.Condition.bad_request).build()));

        assertThat(session.state()).isEqualTo(SessionState.TERMINATED);
        assertThat(session.end()).hasValueSatisfying(end -> {
            assertThat(end.reason()).isEqualTo(JingleReason.Reason.general_error);
            assertThat(end.text()).contains("session-accept failed", "bad-request");
        });
        assertThat(signalling.lastRequest().getAction()).isEqualTo(JingleAction.session_terminate);
    }

    @Test
    void anUnansweredOfferTimesOutWithoutFurtherStanzas() throws Exception {
        JingleSession session = xmlStreams.initiate(PEER, JingleSamples.transport(), NO_LISTENER);

        signalling.requests.get(0).onFailure().accept(
                SmackException.NoResponseException.newWith(1000, (StanzaFilter) null, false));

        assertThat(session.end())
                .hasValueSatisfying(end -> assertThat(end.reason()).isEqualTo(JingleReason.Reason.timeout));
        assertThat(signalling.requests).hasSize(1);
        assertThat(sessions.live()).isEmpty();
    }

    @Test
    void thePeerGoingOfflineOrOurConnectionClosingEndsSessions() throws Exception {
        JingleSession first = xmlStreams.initiate(PEER, JingleSamples.transport(), NO_LISTENER);
        sessions.handle(offer(PEER, "s2"));
        JingleSession second = session(PEER, "s2");

        sessions.peerWentOffline(PEER);
        sessions.connectionLost();

        assertThat(first.end()).hasValueSatisfying(end -> assertThat(end.reason()).isEqualTo(JingleReason.Reason.gone));
        assertThat(second.end()).hasValueSatisfying(end -> assertThat(end.endedBy()).isEqualTo(SessionEnd.Side.PEER));
        assertThat(sessions.live()).isEmpty();
    }

    private JingleSession session(FullJid peer, String sid) {
        return (JingleSession) sessions.find(new SessionKey(peer, sid))
                .orElseThrow(() -> new AssertionError("no session " + sid));
    }

    private static ErrorIQ assertError(JingleReply reply, StanzaError.Condition condition,
            JingleError jingleCondition) {
        assertThat(reply.response()).isInstanceOf(ErrorIQ.class);
        ErrorIQ error = (ErrorIQ) reply.response();
        assertThat(error.getError().getCondition()).isEqualTo(condition);
        if (jingleCondition != null) {
            assertThat((Object) error.getError().getExtension(jingleCondition.getElementName(), JingleError.NAMESPACE))
                    .as("<%s/> in the error", jingleCondition.getElementName()).isNotNull();
        }
        return error;
    }

    /** A peer's offer of what we support: an XML stream over ICE-UDP. */
    private static Jingle offer(FullJid from, String sid) {
        return initiate(from, sid, XmlStreamDescription.INSTANCE, JingleSamples.transport());
    }

    /** An offer from a peer, naming its content {@value #PEER_CONTENT}. */
    private static Jingle initiate(FullJid from, String sid, JingleContentDescription description,
            JingleContentTransport transport) {
        return Jingle.builder("i-" + sid).from(from).to(ME).setAction(JingleAction.session_initiate).setSessionId(sid)
                .setInitiator(from).addJingleContent(content(PEER_CONTENT, description, transport)).build();
    }

    /** A peer's answer to an offer of ours. */
    private static Jingle accept(FullJid from, String sid, String contentName, IceUdpTransport transport) {
        return Jingle.builder("a-" + sid).from(from).to(ME).setAction(JingleAction.session_accept).setSessionId(sid)
                .addJingleContent(content(contentName, XmlStreamDescription.INSTANCE, transport)).build();
    }

    private static Jingle transportInfo(FullJid from, String sid, IceUdpTransport transport) {
        return Jingle.builder("t-" + sid).from(from).to(ME).setAction(JingleAction.transport_info).setSessionId(sid)
                .addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                        .setName(XmlStreamSessions.CONTENT_NAME).setTransport(transport).build()).build();
    }

    private static Jingle terminate(FullJid from, String sid) {
        return Jingle.builder("x-" + sid).from(from).to(ME).setAction(JingleAction.session_terminate).setSessionId(sid)
                .setReason(new JingleReason(JingleReason.Reason.success, "done", null)).build();
    }

    private static JingleContent content(String name, JingleContentDescription description,
            JingleContentTransport transport) {
        return JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName(name)
                .setDescription(description).setTransport(transport).build();
    }

    private static FullJid jid(String jid) {
        try {
            return JidCreate.entityFullFrom(jid);
        } catch (Exception e) {
            throw new IllegalArgumentException(jid, e);
        }
    }
}
