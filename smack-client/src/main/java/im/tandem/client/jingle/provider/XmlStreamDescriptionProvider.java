package im.tandem.client.jingle.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.jingle.element.XmlStreamDescription;

/** Parses XEP-0247's description, which its schema defines as empty. */
public final class XmlStreamDescriptionProvider extends ExtensionElementProvider<XmlStreamDescription> {
    public static final XmlStreamDescriptionProvider INSTANCE = new XmlStreamDescriptionProvider();

    @Override
    public XmlStreamDescription parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        StrictXml.requireEmpty(parser, initialDepth, XmlStreamDescription.ELEMENT);
        return XmlStreamDescription.INSTANCE;
    }
}
