package im.tandem.client.file.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.jingle.provider.JingleParseException;
import im.tandem.client.jingle.provider.StrictXml;

/** Parses XEP-0261's transport: block-size and sid required, stanza optional (iq), no children. */
public final class IbbTransportProvider extends ExtensionElementProvider<IbbTransport> {
    public static final IbbTransportProvider INSTANCE = new IbbTransportProvider();
    private static final String ELEMENT = IbbTransport.ELEMENT;

    @Override
    public IbbTransport parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        long blockSize = StrictXml.number(StrictXml.required(parser, ELEMENT, IbbTransport.ATTR_BLOCK_SIZE), ELEMENT,
                IbbTransport.ATTR_BLOCK_SIZE);
        String sid = StrictXml.required(parser, ELEMENT, IbbTransport.ATTR_SID);
        String stanza = StrictXml.optional(parser, IbbTransport.ATTR_STANZA);
        StrictXml.requireEmpty(parser, initialDepth, ELEMENT);
        try {
            return new IbbTransport((int) Math.min(blockSize, Integer.MAX_VALUE), sid,
                    stanza == null ? IbbTransport.Stanza.IQ : IbbTransport.Stanza.fromXml(stanza));
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }
}
