package im.tandem.client.jingle.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentDescription;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.RejectedJingle;
import im.tandem.client.jingle.element.XmlStreamDescription;

class StrictJingleProviderTest {
    private static final String IQ_OPEN = "<iq xmlns='jabber:client' type='set' id='j1' "
            + "from='alice@example.org/tandem' to='bob@example.org/tandem'>";
    private static final String JINGLE_NS = " xmlns='" + Jingle.NAMESPACE + "'";
    private static final String XMLSTREAM = "<description xmlns='" + XmlStreamDescription.NAMESPACE + "'/>";
    private static final String ICE = "<transport xmlns='" + IceUdpTransport.NAMESPACE + "'/>";

    @BeforeAll
    static void installProvider() {
        JingleProviders.register();
    }

    @Test
    void aSessionInitiateSurvivesARoundTrip() throws Exception {
        Jingle initiate = Jingle.builder("j1").to(JidCreate.entityFullFrom("bob@example.org/tandem"))
                .setAction(JingleAction.session_initiate).setSessionId("s1")
                .setInitiator(JidCreate.entityFullFrom("alice@example.org/tandem"))
                .addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                        .setName("xmlstream").setSenders(JingleContent.Senders.both)
                        .setDescription(XmlStreamDescription.INSTANCE).setTransport(JingleSamples.transport()).build())
                .build();

        Jingle parsed = jingle(initiate.toXML().toString());

        assertThat(parsed.getAction()).isEqualTo(JingleAction.session_initiate);
        assertThat(parsed.getSid()).isEqualTo("s1");
        assertThat((Object) parsed.getInitiator()).isEqualTo(initiate.getInitiator());
        JingleContent content = parsed.getSoleContentOrThrow();
        assertThat(content.getCreator()).isEqualTo(JingleContent.Creator.initiator);
        assertThat(content.getName()).isEqualTo("xmlstream");
        assertThat(content.getSenders()).isEqualTo(JingleContent.Senders.both);
        assertThat(content.getDescription()).isSameAs(XmlStreamDescription.INSTANCE);
        assertThat(content.getTransport()).isEqualTo(JingleSamples.transport());
    }

    @Test
    void aSessionTerminateKeepsItsReasonAndText() throws Exception {
        Jingle terminate = Jingle.builder("j2").setAction(JingleAction.session_terminate).setSessionId("s1")
                .setReason(new JingleReason(JingleReason.Reason.decline, "not now", null)).build();

        JingleReason reason = jingle(terminate.toXML().toString()).getReason();

        assertThat(reason.asEnum()).isEqualTo(JingleReason.Reason.decline);
        assertThat(reason.getText()).isEqualTo("not now");
    }

    @Test
    void readsAnAlternativeSession() throws Exception {
        JingleReason reason = jingle(IQ_OPEN + "<jingle" + JINGLE_NS + " action='session-terminate' sid='s1'>"
                + "<reason><alternative-session><sid>other</sid></alternative-session></reason></jingle></iq>")
                .getReason();
        assertThat(reason).isInstanceOf(JingleReason.AlternativeSession.class);
        assertThat(((JingleReason.AlternativeSession) reason).getAlternativeSessionId()).isEqualTo("other");
    }

    @Test
    void keepsApplicationsAndTransportsWeDoNotImplementForTheSessionToRefuse() throws Exception {
        JingleContent content = jingle(IQ_OPEN + "<jingle" + JINGLE_NS + " action='session-initiate' sid='s1'>"
                + "<content creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                + "<payload-type id='0'/></description><transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'/>"
                + "</content></jingle></iq>").getSoleContentOrThrow();
        assertThat(content.getDescription()).isInstanceOf(UnknownJingleContentDescription.class);
        assertThat(content.getDescription().getNamespace()).isEqualTo("urn:xmpp:jingle:apps:rtp:1");
        assertThat(content.getTransport()).isInstanceOf(UnknownJingleContentTransport.class);
        assertThat(content.getTransport().getNamespace()).isEqualTo("urn:xmpp:jingle:transports:raw-udp:1");
    }

    @Test
    void ignoresExtensionsFromOtherNamespaces() throws Exception {
        Jingle parsed = jingle(IQ_OPEN + "<jingle" + JINGLE_NS + " action='session-initiate' sid='s1'>"
                + "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'/>"
                + "<content creator='initiator' name='a'>" + XMLSTREAM + ICE
                + "<security xmlns='urn:example:security'/></content></jingle></iq>");
        assertThat(parsed.getContents()).hasSize(1);
    }

    @Test
    void anEmptySessionInfoIsAPing() throws Exception {
        Jingle ping = jingle(IQ_OPEN + "<jingle" + JINGLE_NS + " action='session-info' sid='s1'/></iq>");
        assertThat(ping.getAction()).isEqualTo(JingleAction.session_info);
        assertThat(ping.getContents()).isEmpty();
    }

    @Test
    void aSessionInfoPayloadIsUnsupported() throws Exception {
        RejectedJingle rejected = rejected(IQ_OPEN + "<jingle" + JINGLE_NS + " action='session-info' sid='s1'>"
                + "<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/></jingle></iq>");
        assertThat(rejected.problem()).isEqualTo(RejectedJingle.Problem.UNSUPPORTED_INFO);
        assertThat(rejected.sessionId()).contains("s1");
        assertThat(rejected.explanation()).contains("<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<jingle sid='s1'/>                                           | attribute 'action' is missing",
        "<jingle action='session-dance' sid='s1'/>                    | no action 'session-dance'",
        "<jingle action='session-initiate'/>                          | attribute 'sid' is missing",
        "<jingle action='session-initiate' sid='s1' initiator='not a jid@@'/> | 'initiator' must be a full JID, got 'not a jid@@'",
        "<jingle action='session-accept' sid='s1' responder='bob@example.org'/> | 'responder' must be a full JID",
        "<jingle action='session-initiate' sid='s1'><content name='a'/></jingle> | <content/> attribute 'creator' is missing",
        "<jingle action='session-initiate' sid='s1'><content creator='nobody' name='a'/></jingle> | 'creator' must be initiator or responder, got 'nobody'",
        "<jingle action='session-initiate' sid='s1'><content creator='initiator'/></jingle> | <content/> attribute 'name' is missing",
        "<jingle action='session-initiate' sid='s1'><content creator='initiator' name='a' senders='all'/></jingle> | 'senders' must be both, initiator, none or responder",
        "<jingle action='session-terminate' sid='s1'><reason><bored/></reason></jingle> | condition <bored/> is not one XEP-0166 defines",
        "<jingle action='session-terminate' sid='s1'><reason><text>why</text></reason></jingle> | <reason/> has no condition",
        "<jingle action='session-terminate' sid='s1'><reason><gone/><busy/></reason></jingle> | one condition, got <gone/> and <busy/>",
        "<jingle action='session-terminate' sid='s1'><reason><gone/></reason><reason><busy/></reason></jingle> | one <reason/>, got more",
        "<jingle action='session-terminate' sid='s1'><reason><alternative-session/></reason></jingle> | <alternative-session/> needs a <sid/>",
        "<jingle action='session-initiate' sid='s1'><contents/></jingle> | <jingle/> has no <contents/> element",
    })
    void malformedRequestsBecomeRejectionsWithTheReason(String jingle, String message) throws Exception {
        RejectedJingle rejected = rejected(IQ_OPEN + jingle.replaceFirst("<jingle", "<jingle" + JINGLE_NS) + "</iq>");
        assertThat(rejected.problem()).isEqualTo(RejectedJingle.Problem.MALFORMED);
        assertThat(rejected.explanation()).contains(message);
        assertThat(rejected.getFrom().toString()).isEqualTo("alice@example.org/tandem");
        assertThat(rejected.getStanzaId()).isEqualTo("j1");
    }

    @Test
    void aBadCandidateDeepInsideRejectsTheRequestAndNamesTheAttribute() throws Exception {
        String badCandidate = JingleSamples.host().toXML().toString().replace("port='50000'", "port='0'");
        RejectedJingle rejected = rejected(IQ_OPEN + "<jingle" + JINGLE_NS + " action='transport-info' sid='s7'>"
                + "<content creator='initiator' name='a'><transport xmlns='" + IceUdpTransport.NAMESPACE
                + "' ufrag='Ab3+' pwd='0123456789abcdefghij+/'>" + badCandidate + "</transport></content></jingle></iq>");
        assertThat(rejected.sessionId()).contains("s7");
        assertThat(rejected.explanation()).contains("candidate attribute 'port' must be 1 to 65535, got 0");
    }

    @Test
    void aRejectedRequestLeavesTheStreamReadyForTheNextStanza() throws Exception {
        XmlPullParser stream = PacketParserUtils.getParserFor("<stream>" + IQ_OPEN + "<jingle" + JINGLE_NS
                + " action='session-initiate' sid='s1'><content name='a'><x/><y>text</y></content></jingle></iq>"
                + "<message xmlns='jabber:client' id='m1'><body>next</body></message></stream>");
        stream.next();

        Stanza first = PacketParserUtils.parseStanza(stream, XmlEnvironment.EMPTY);
        stream.next();
        Stanza second = PacketParserUtils.parseStanza(stream, XmlEnvironment.EMPTY);

        assertThat(first).isInstanceOf(RejectedJingle.class);
        assertThat(second.getStanzaId()).isEqualTo("m1");
    }

    private static Jingle jingle(String xml) throws Exception {
        IQ iq = (IQ) PacketParserUtils.parseStanza(xml);
        assertThat(iq).as("parsed %s", xml).isInstanceOf(Jingle.class);
        return (Jingle) iq;
    }

    private static RejectedJingle rejected(String xml) throws Exception {
        IQ iq = (IQ) PacketParserUtils.parseStanza(xml);
        assertThat(iq).as("parsed %s", xml).isInstanceOf(RejectedJingle.class);
        return (RejectedJingle) iq;
    }
}
