package im.tandem.client.jingle.provider;

import static im.tandem.client.jingle.JingleSamples.parserFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import im.tandem.client.jingle.element.JingleMessage;
import im.tandem.client.jingle.element.JingleMessageAction;

class JingleMessageProviderTest {
    private static final String NS = " xmlns='" + JingleMessage.NAMESPACE + "'";
    private static final String FILE_TRANSFER = "urn:xmpp:jingle:apps:file-transfer:5";

    @BeforeAll
    static void register() {
        JingleMessageProvider.register();
    }

    /** What Libervia 0.9 sends for a file to a bare JID: the whole file description inside the proposal. */
    @Test
    void readsAFileTransferProposalKeepingTheApplicationOnly() throws Exception {
        JingleMessage proposal = parse("<propose" + NS + " id='a73sjjvkla37jfea'><description xmlns='"
                + FILE_TRANSFER + "'><file><name>notes.txt</name><size>300</size></file></description></propose>");
        assertThat(proposal.action()).isEqualTo(JingleMessageAction.PROPOSE);
        assertThat(proposal.sessionId()).isEqualTo("a73sjjvkla37jfea");
        assertThat(proposal.applications()).containsExactly(FILE_TRANSFER);
    }

    @Test
    void readsAProposalOfSeveralApplications() throws Exception {
        JingleMessage proposal = parse("<propose" + NS + " id='s1'><description xmlns='urn:xmpp:jingle:apps:rtp:1'"
                + " media='audio'/><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'/></propose>");
        assertThat(proposal.applications()).containsExactly("urn:xmpp:jingle:apps:rtp:1",
                "urn:xmpp:jingle:apps:rtp:1");
    }

    @Test
    void readsARejectWithItsReasonAndSkipsWhatItDoesNotKnow() throws Exception {
        JingleMessage reject = parse("<reject" + NS + " id='s1'><reason xmlns='urn:xmpp:jingle:1'><busy/>"
                + "<text>in a meeting</text></reason><tie-break/></reject>");
        assertThat(reject).isEqualTo(new JingleMessage(JingleMessageAction.REJECT, "s1", List.of(),
                Optional.of(JingleReason.Reason.busy)));
    }

    @ParameterizedTest
    @EnumSource(JingleMessageAction.class)
    void everyVerbSurvivesARoundTripInAMessage(JingleMessageAction action) throws Exception {
        JingleMessage sent = action == JingleMessageAction.PROPOSE
                ? new JingleMessage(action, "s-9", List.of(FILE_TRANSFER), Optional.empty())
                : new JingleMessage(action, "s-9", List.of(), action == JingleMessageAction.REJECT
                        ? Optional.of(JingleReason.Reason.unsupported_applications) : Optional.empty());
        Message message = (Message) PacketParserUtils.parseStanza("<message xmlns='jabber:client' type='chat'"
                + " to='sam@example.org/phone'>" + sent.toXML() + "</message>");
        assertThat(JingleMessage.from(message)).contains(sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<propose" + NS + "><description xmlns='urn:x'/></propose>|'id' is missing",
        "<proceed" + NS + " id=''/>|'id' is missing",
        "<propose" + NS + " id='s1'/>|describes no application",
        "<propose" + NS + " id='s1'><description/></propose>|names no application namespace",
        "<reject" + NS + " id='s1'><reason xmlns='urn:xmpp:jingle:1'><sad/></reason></reject>|<sad/>",
    })
    void refusesAMalformedElement(String sample) {
        String[] parts = sample.split("\\|");
        assertThatThrownBy(() -> parse(parts[0])).isInstanceOf(JingleParseException.class)
                .hasMessageContaining(parts[1]);
    }

    private static JingleMessage parse(String xml) throws Exception {
        return JingleMessageProvider.INSTANCE.parse(parserFor(xml));
    }
}
