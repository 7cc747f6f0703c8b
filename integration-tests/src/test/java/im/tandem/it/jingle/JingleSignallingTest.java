package im.tandem.it.jingle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleError;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.FullJid;

import im.tandem.client.TandemClient;
import im.tandem.client.jingle.TandemJingleManager;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.SessionEnd;
import im.tandem.client.jingle.session.SessionState;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Jingle signalling between our clients through a real Openfire: a whole session, who may open one, the errors
 * for bad requests, and how peers recognise a Tandem client. No media flows: candidates name loopback addresses
 * that nothing is ever sent to.
 */
@Tag("server")
class JingleSignallingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How long to wait for something that must not happen, after a later event already proved the path works. */
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw").user("mallory", "mallory-pw")
            .user("carol", "carol-pw").user("dave", "dave-pw").user("erin", "erin-pw").user("frank", "frank-pw")
            .user("grace", "grace-pw").build());

    @Test
    void contactsNegotiateATrickledSessionThroughTheServerAndBothEndTerminated() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        try (TandemClient alice = OPENFIRE.login("alice"); TandemClient bob = OPENFIRE.login("bob")) {
            IceUdpTransport aliceOffer = LoopbackTransports.offer("alc1", 40001, DtlsSetup.ACTPASS);
            IceUdpTransport bobAnswer = LoopbackTransports.offer("bob1", 40002, DtlsSetup.ACTIVE);
            BlockingQueue<IceUdpTransport> offersAtBob = new LinkedBlockingQueue<>();
            SessionEvents atBob = new SessionEvents();
            bob.jingle().setIncomingSessionHandler((session, offer) -> {
                offersAtBob.add(offer);
                session.addListener(atBob);
                try {
                    session.accept(bobAnswer);
                } catch (DirectSessionRefusedException e) {
                    throw new AssertionError("alice is bob's contact", e);
                }
            });
            SessionEvents atAlice = new SessionEvents();

            JingleSession aliceSide = alice.jingle().initiate(bob.connection().getUser(), aliceOffer, atAlice);

            atAlice.awaitState(SessionState.SENT_INITIATE, WAIT);
            assertThat(offersAtBob.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(aliceOffer);
            atAlice.awaitState(SessionState.ACCEPTED, WAIT);
            assertThat(atAlice.nextTransport(WAIT)).isEqualTo(bobAnswer);
            JingleSession bobSide = bob.jingle().liveSessions().get(0);
            assertThat(bobSide.sid()).isEqualTo(aliceSide.sid());
            assertThat((Object) bobSide.peer()).isEqualTo(alice.connection().getUser());

            IceUdpTransport aliceTrickle = LoopbackTransports.trickle("alc1", 40003);
            IceUdpTransport bobTrickle = LoopbackTransports.trickle("bob1", 40004);
            aliceSide.sendTransportInfo(aliceTrickle);
            bobSide.sendTransportInfo(bobTrickle);
            assertThat(atBob.nextTransport(WAIT)).isEqualTo(aliceTrickle);
            assertThat(atAlice.nextTransport(WAIT)).isEqualTo(bobTrickle);

            aliceSide.terminate(JingleReason.Reason.success, "bye");
            atBob.awaitState(SessionState.ACCEPTED, WAIT);
            atBob.awaitState(SessionState.TERMINATED, WAIT);
            atAlice.awaitState(SessionState.TERMINATED, WAIT);
            assertThat(bobSide.end()).contains(new SessionEnd(JingleReason.Reason.success, "bye", SessionEnd.Side.PEER));
            assertThat(aliceSide.end()).contains(new SessionEnd(JingleReason.Reason.success, "bye", SessionEnd.Side.LOCAL));
            assertThat(alice.jingle().liveSessions()).isEmpty();
            assertThat(bob.jingle().liveSessions()).isEmpty();
        }
    }

    @Test
    void aNonContactsOfferIsAcknowledgedThenDeclinedWithoutOurAddresses() throws Exception {
        try (TandemClient mallory = OPENFIRE.login("mallory"); TandemClient bob = OPENFIRE.login("bob")) {
            BlockingQueue<IceUdpTransport> offersAtBob = new LinkedBlockingQueue<>();
            bob.jingle().setIncomingSessionHandler((session, offer) -> offersAtBob.add(offer));
            FullJid bobJid = bob.connection().getUser();

            assertThatThrownBy(() -> mallory.jingle().initiate(bobJid,
                    LoopbackTransports.offer("mal1", 40011, DtlsSetup.ACTPASS), new SessionEvents()))
                    .as("our own client refuses to send a stranger our addresses")
                    .isInstanceOf(DirectSessionRefusedException.class);

            // Mallory is not stopped by such scruples: she sends the offer herself.
            JingleCapture atMallory = JingleCapture.on(mallory.connection());
            Jingle offer = Jingle.builder(mallory.connection()).to(bobJid).setAction(JingleAction.session_initiate)
                    .setSessionId("mallory-1").setInitiator(mallory.connection().getUser())
                    .addJingleContent(xmlStreamContent(LoopbackTransports.offer("mal1", 40011, DtlsSetup.ACTPASS)))
                    .build();
            IQ ack = mallory.connection().sendIqRequestAndWaitForResponse(offer);

            assertThat(ack.getType()).isEqualTo(IQ.Type.result);
            Jingle terminate = atMallory.next(WAIT);
            assertThat(terminate.getAction()).isEqualTo(JingleAction.session_terminate);
            assertThat(terminate.getSid()).isEqualTo("mallory-1");
            assertThat(terminate.getReason().asEnum()).isEqualTo(JingleReason.Reason.decline);
            assertThat(terminate.getContents()).as("no candidates, no addresses").isEmpty();
            assertThat(offersAtBob.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
            assertThat(bob.jingle().liveSessions()).isEmpty();
        }
    }

    @Test
    void aOneWaySubscriptionIsNotEnoughInEitherDirection() throws Exception {
        try (TandemClient carol = OPENFIRE.login("carol"); TandemClient dave = OPENFIRE.login("dave")) {
            Roster carolRoster = Roster.getInstanceFor(carol.connection());
            Roster daveRoster = Roster.getInstanceFor(dave.connection());
            daveRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            carolRoster.createItemAndRequestSubscription(dave.jid(), "dave", null);
            await().atMost(WAIT).until(() -> subscription(carolRoster, dave) == RosterPacket.ItemType.to
                    && subscription(daveRoster, carol) == RosterPacket.ItemType.from);

            assertThatThrownBy(() -> carol.jingle().initiate(dave.connection().getUser(),
                    LoopbackTransports.offer("car1", 40021, DtlsSetup.ACTPASS), new SessionEvents()))
                    .isInstanceOf(DirectSessionRefusedException.class);
            assertThatThrownBy(() -> dave.jingle().initiate(carol.connection().getUser(),
                    LoopbackTransports.offer("dav1", 40022, DtlsSetup.ACTPASS), new SessionEvents()))
                    .isInstanceOf(DirectSessionRefusedException.class);

            JingleCapture atCarol = JingleCapture.on(carol.connection());
            carol.connection().sendIqRequestAndWaitForResponse(Jingle.builder(carol.connection())
                    .to(dave.connection().getUser()).setAction(JingleAction.session_initiate).setSessionId("carol-1")
                    .addJingleContent(xmlStreamContent(LoopbackTransports.offer("car1", 40021, DtlsSetup.ACTPASS)))
                    .build());
            assertThat(atCarol.next(WAIT).getReason().asEnum()).isEqualTo(JingleReason.Reason.decline);
        }
    }

    @Test
    void badRequestsGetTheirXmppErrorsAndTheSessionAndClientCarryOn() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        try (TandemClient alice = OPENFIRE.login("alice"); TandemClient bob = OPENFIRE.login("bob")) {
            BlockingQueue<JingleSession> pendingAtBob = new LinkedBlockingQueue<>();
            bob.jingle().setIncomingSessionHandler((session, offer) -> pendingAtBob.add(session));
            FullJid bobJid = bob.connection().getUser();
            SessionEvents atAlice = new SessionEvents();
            JingleSession session = alice.jingle().initiate(bobJid,
                    LoopbackTransports.offer("alc2", 40031, DtlsSetup.ACTPASS), atAlice);
            JingleSession bobSide = pendingAtBob.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(bobSide).as("bob was offered the session; alice's side: %s %s", session.state(), session.end()).isNotNull();
            String sid = session.sid();
            String ice = "<transport xmlns='" + IceUdpTransport.NAMESPACE + "' ufrag='alc2' pwd='alc20123456789abcdefghijkl'>";

            StanzaError noCreator = errorFrom(alice, bobJid, Map.of("action", "session-initiate", "sid", "x1"),
                    "<content name='c'><description xmlns='" + XmlStreamDescription.NAMESPACE + "'/></content>");
            assertThat(noCreator.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
            assertThat(noCreator.getDescriptiveText()).contains("<content/> attribute 'creator' is missing");

            StanzaError badPort = errorFrom(alice, bobJid, Map.of("action", "transport-info", "sid", sid),
                    "<content creator='initiator' name='xmlstream'>" + ice + "<candidate component='1' foundation='1' "
                            + "ip='127.0.0.1' port='99999' priority='1' protocol='udp' type='host'/></transport></content>");
            assertThat(badPort.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
            assertThat(badPort.getDescriptiveText()).contains("candidate attribute 'port' must be 1 to 65535, got 99999");

            assertThat(errorFrom(alice, bobJid, Map.of("action", "session-dance", "sid", sid), "").getCondition())
                    .isEqualTo(StanzaError.Condition.bad_request);

            StanzaError unknown = errorFrom(alice, bobJid, Map.of("action", "transport-info", "sid", "no-such-sid"),
                    "<content creator='initiator' name='xmlstream'>" + ice + "</transport></content>");
            assertThat(unknown.getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
            assertJingleCondition(unknown, JingleError.UNKNOWN_SESSION);

            StanzaError outOfOrder = errorFrom(alice, bobJid, Map.of("action", "session-accept", "sid", sid),
                    "<content creator='initiator' name='xmlstream'><description xmlns='" + XmlStreamDescription.NAMESPACE
                            + "'/>" + ice + "</transport></content>");
            assertThat(outOfOrder.getCondition()).isEqualTo(StanzaError.Condition.unexpected_request);
            assertJingleCondition(outOfOrder, JingleError.OUT_OF_ORDER);

            StanzaError unsupportedInfo = errorFrom(alice, bobJid, Map.of("action", "session-info", "sid", sid),
                    "<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>");
            assertThat(unsupportedInfo.getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented);
            assertJingleCondition(unsupportedInfo, JingleError.UNSUPPORTED_INFO);

            IQ ping = alice.connection().sendIqRequestAndWaitForResponse(
                    new RawJingleIq(bobJid, Map.of("action", "session-info", "sid", sid), ""));
            assertThat(ping.getType()).as("an empty session-info is a ping").isEqualTo(IQ.Type.result);

            assertThat(bob.connection().isConnected()).isTrue();
            assertThat(bobSide.state()).isEqualTo(SessionState.RECEIVED_INITIATE);
            bobSide.accept(LoopbackTransports.offer("bob2", 40032, DtlsSetup.ACTIVE));
            atAlice.awaitState(SessionState.SENT_INITIATE, WAIT);
            atAlice.awaitState(SessionState.ACCEPTED, WAIT);
        }
    }

    @Test
    void aPeerGoingOfflineEndsItsSessions() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        try (TandemClient alice = OPENFIRE.login("alice")) {
            SessionEvents atAlice = new SessionEvents();
            JingleSession session;
            try (TandemClient bob = OPENFIRE.login("bob")) {
                BlockingQueue<JingleSession> pendingAtBob = new LinkedBlockingQueue<>();
                bob.jingle().setIncomingSessionHandler((offered, offer) -> pendingAtBob.add(offered));
                session = alice.jingle().initiate(bob.connection().getUser(),
                        LoopbackTransports.offer("alc3", 40041, DtlsSetup.ACTPASS), atAlice);
                assertThat(pendingAtBob.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
            }
            atAlice.awaitState(SessionState.SENT_INITIATE, WAIT);
            atAlice.awaitState(SessionState.TERMINATED, WAIT);
            assertThat(session.end()).hasValueSatisfying(end -> {
                assertThat(end.reason()).isEqualTo(JingleReason.Reason.gone);
                assertThat(end.endedBy()).isEqualTo(SessionEnd.Side.PEER);
            });
        }
    }

    @Test
    void aTandemClientAdvertisesItsJingleFeaturesAndAPlainClientIsNotTakenForOne() throws Exception {
        OPENFIRE.server().befriend("erin", "frank");
        OPENFIRE.server().befriend("erin", "grace");
        try (TandemClient erin = OPENFIRE.login("erin"); TandemClient frank = OPENFIRE.login("frank")) {
            XMPPTCPConnection grace = plainSmackClient("grace");
            try {
                FullJid frankJid = frank.connection().getUser();
                DiscoverInfo request = DiscoverInfo.builder(erin.connection()).to(frankJid).ofType(IQ.Type.get).build();
                DiscoverInfo info = erin.connection().sendIqRequestAndWaitForResponse(request);
                List<String> features = info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).toList();
                assertThat(features).containsAll(TandemJingleManager.FEATURES);

                await().atMost(WAIT).until(() -> EntityCapsManager.getNodeVerHashByJid(frankJid) != null);
                assertThat(erin.jingle().isTandemPeer(frankJid)).isTrue();
                assertThat(erin.jingle().isTandemPeer(grace.getUser())).isFalse();
            } finally {
                grace.disconnect();
            }
        }
    }

    /** A Smack client without any Tandem code, standing for a standard client. */
    private static XMPPTCPConnection plainSmackClient(String user) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(OPENFIRE.server().domain())
                .setUsernameAndPassword(user, OPENFIRE.passwordOf(user))
                .setHost(OPENFIRE.server().host())
                .setPort(OPENFIRE.server().clientPort())
                .setSecurityMode(SecurityMode.disabled)
                .setResource("plain")
                .build());
        connection.connect().login();
        return connection;
    }

    private static JingleContent xmlStreamContent(IceUdpTransport transport) {
        return JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName("xmlstream")
                .setSenders(JingleContent.Senders.both).setDescription(XmlStreamDescription.INSTANCE)
                .setTransport(transport).build();
    }

    /** Sends a raw Jingle request and returns the error it must get. */
    private static StanzaError errorFrom(TandemClient sender, FullJid to, Map<String, String> attributes, String inner)
            throws Exception {
        try {
            IQ response = sender.connection().sendIqRequestAndWaitForResponse(new RawJingleIq(to, attributes, inner));
            throw new AssertionError("expected an error for " + attributes + ", got " + response.toXML());
        } catch (XMPPException.XMPPErrorException e) {
            return e.getStanzaError();
        }
    }

    private static void assertJingleCondition(StanzaError error, JingleError condition) {
        assertThat((Object) error.getExtension(condition.getElementName(), JingleError.NAMESPACE))
                .as("<%s xmlns='%s'/> in %s", condition.getElementName(), JingleError.NAMESPACE, error)
                .isNotNull();
    }

    private static RosterPacket.ItemType subscription(Roster roster, TandemClient contact) {
        var entry = roster.getEntry(contact.jid());
        return entry == null ? null : entry.getType();
    }
}
