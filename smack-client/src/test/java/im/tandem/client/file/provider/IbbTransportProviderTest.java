package im.tandem.client.file.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.provider.JingleParseException;

class IbbTransportProviderTest {
    private static final String NS = "urn:xmpp:jingle:transports:ibb:1";

    @Test
    void readsXep0261sTransportWithIqAsTheDefaultStanza() throws Exception {
        assertThat(parse("<transport xmlns='" + NS + "' block-size='4096' sid='ch3d9s71'/>"))
                .isEqualTo(new IbbTransport(4096, "ch3d9s71", IbbTransport.Stanza.IQ));
        assertThat(parse("<transport xmlns='" + NS + "' block-size='2048' sid='s' stanza='message'/>").stanza())
                .isEqualTo(IbbTransport.Stanza.MESSAGE);
    }

    @Test
    void whatWeWriteReadsBackTheSame() throws Exception {
        IbbTransport transport = new IbbTransport(IbbTransport.MAX_BLOCK_SIZE, "abc", IbbTransport.Stanza.IQ);

        assertThat(parse(transport.toXML(XmlEnvironment.EMPTY).toString())).isEqualTo(transport);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<transport xmlns='" + NS + "' sid='s'/>",
        "<transport xmlns='" + NS + "' block-size='4096'/>",
        "<transport xmlns='" + NS + "' block-size='0' sid='s'/>",
        "<transport xmlns='" + NS + "' block-size='65536' sid='s'/>",
        "<transport xmlns='" + NS + "' block-size='-5' sid='s'/>",
        "<transport xmlns='" + NS + "' block-size='4096' sid='s' stanza='presence'/>",
        "<transport xmlns='" + NS + "' block-size='4096' sid='s'><extra/></transport>"
    })
    void refusesWhatTheSchemaDoesNotAllow(String xml) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(JingleParseException.class);
    }

    private static IbbTransport parse(String xml) throws Exception {
        return IbbTransportProvider.INSTANCE.parse(JingleSamples.parserFor(xml));
    }
}
