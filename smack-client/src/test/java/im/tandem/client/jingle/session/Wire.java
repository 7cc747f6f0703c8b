package im.tandem.client.jingle.session;

import java.io.StringWriter;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.XmlStringBuilder;

/** What a peer reads: a stanza written the way the connection writes it into the stream, then parsed back. */
final class Wire {
    private static final XmlEnvironment STREAM = XmlEnvironment.builder().withNamespace("jabber:client").build();

    private Wire() {
    }

    static IQ roundTrip(IQ stanza) throws Exception {
        StringWriter wire = new StringWriter();
        ((XmlStringBuilder) stanza.toXML(STREAM)).write(wire, STREAM);
        return (IQ) PacketParserUtils.parseStanza(wire.toString());
    }
}
