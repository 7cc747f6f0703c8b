package im.tandem.client.file.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;
import im.tandem.client.file.element.S5bSignal;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.provider.JingleParseException;

class S5bTransportProviderTest {
    private static final String NS = "urn:xmpp:jingle:transports:s5b:1";

    @Test
    void readsXep0260sCandidates() throws Exception {
        S5bTransport transport = parse("<transport xmlns='" + NS + "' mode='tcp' sid='vj3hs98y'>"
                + "<candidate cid='hft54dqy' host='192.0.2.4' jid='romeo@montague.example/orchard' port='5086'"
                + " priority='8257636' type='direct'/>"
                + "<candidate cid='ht567dq' host='proxy.example' jid='proxy.example' priority='655360'"
                + " type='proxy'/></transport>");

        assertThat(transport.sid()).isEqualTo("vj3hs98y");
        assertThat(transport.mode()).isEqualTo("tcp");
        assertThat(transport.signal()).isEmpty();
        assertThat(transport.s5bCandidates()).containsExactly(
                new S5bCandidate("hft54dqy", "192.0.2.4", JidCreate.from("romeo@montague.example/orchard"), 5086,
                        8257636, S5bCandidateType.DIRECT),
                new S5bCandidate("ht567dq", "proxy.example", JidCreate.from("proxy.example"),
                        S5bCandidate.DEFAULT_PORT, 655360, S5bCandidateType.PROXY));
    }

    @Test
    void aMissingTypeIsDirectAndAMissingModeIsTcp() throws Exception {
        S5bTransport transport = parse("<transport xmlns='" + NS + "' sid='s'><candidate cid='c' host='192.0.2.1'"
                + " jid='a@b/c' port='1' priority='1'/></transport>");

        assertThat(transport.mode()).isEqualTo(S5bTransport.MODE_TCP);
        assertThat(transport.s5bCandidates().get(0).type()).isEqualTo(S5bCandidateType.DIRECT);
    }

    @Test
    void readsEachSignal() throws Exception {
        assertThat(signal("<candidate-used cid='hr65dqyd'/>")).isEqualTo(new S5bSignal.CandidateUsed("hr65dqyd"));
        assertThat(signal("<candidate-error/>")).isEqualTo(new S5bSignal.CandidateError());
        assertThat(signal("<activated cid='xmdh4b7i'/>")).isEqualTo(new S5bSignal.Activated("xmdh4b7i"));
        assertThat(signal("<proxy-error/>")).isEqualTo(new S5bSignal.ProxyError());
    }

    @Test
    void whatWeWriteReadsBackTheSame() throws Exception {
        S5bTransport offer = S5bTransport.candidates("sid1", "0123456789abcdef0123456789abcdef01234567", List.of(
                new S5bCandidate("c1", "127.0.0.1", JidCreate.from("proxy.localhost"), 7777,
                        S5bCandidateType.PROXY.priority(65535), S5bCandidateType.PROXY)));
        S5bTransport used = S5bTransport.signal("sid1", new S5bSignal.CandidateUsed("c1"));

        assertThat(parse(offer.toXML(XmlEnvironment.EMPTY).toString())).isEqualTo(offer);
        assertThat(parse(used.toXML(XmlEnvironment.EMPTY).toString())).isEqualTo(used);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<transport xmlns='" + NS + "'/>",
        "<transport xmlns='" + NS + "' sid='s' mode='sctp'/>",
        "<transport xmlns='" + NS + "' sid='s'><candidate-used/></transport>",
        "<transport xmlns='" + NS + "' sid='s'><candidate-error/><proxy-error/></transport>",
        "<transport xmlns='" + NS + "' sid='s'><candidate-error/><candidate cid='c' host='h' jid='a@b' priority='1'/>"
                + "</transport>",
        "<transport xmlns='" + NS + "' sid='s'><candidate cid='c' host='h' jid='a@b' priority='0'/></transport>",
        "<transport xmlns='" + NS + "' sid='s'><candidate cid='c' host='h' jid='a@b' port='70000' priority='1'/>"
                + "</transport>",
        "<transport xmlns='" + NS + "' sid='s'><candidate cid='c' host='h' jid='a@b' priority='1' type='relay'/>"
                + "</transport>",
        "<transport xmlns='" + NS + "' sid='s'><candidate host='h' jid='a@b' priority='1'/></transport>",
        "<transport xmlns='" + NS + "' sid='s'><streamhost jid='a@b' host='h'/></transport>"
    })
    void refusesWhatTheSchemaDoesNotAllow(String xml) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(JingleParseException.class);
    }

    private static S5bSignal signal(String child) throws Exception {
        return parse("<transport xmlns='" + NS + "' sid='s'>" + child + "</transport>").signal().orElseThrow();
    }

    private static S5bTransport parse(String xml) throws Exception {
        return S5bTransportProvider.INSTANCE.parse(JingleSamples.parserFor(xml));
    }
}
