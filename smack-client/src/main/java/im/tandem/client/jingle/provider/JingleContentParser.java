package im.tandem.client.jingle.provider;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentDescription;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentTransport;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;

/**
 * Parses a {@code <content/>}: creator and name required, senders and disposition optional, at most one
 * description and one transport. Descriptions and transports we implement are parsed strictly; others are kept
 * whole as "unknown" elements, so that the session can answer with unsupported-applications or
 * unsupported-transports instead of a parse error. Other extensions (e.g. security) are skipped. Further
 * applications and transports (file transfer and its bytestreams) are added through {@link JingleProviders}.
 */
final class JingleContentParser {
    private static final String ELEMENT = JingleContent.ELEMENT;
    private static final Map<String, ExtensionElementProvider<? extends JingleContentDescription>> APPLICATIONS =
            new ConcurrentHashMap<>(Map.of(XmlStreamDescription.NAMESPACE, XmlStreamDescriptionProvider.INSTANCE));
    private static final Map<String, ExtensionElementProvider<? extends JingleContentTransport>> TRANSPORTS =
            new ConcurrentHashMap<>(Map.of(IceUdpTransport.NAMESPACE, IceUdpTransportProvider.INSTANCE));

    private JingleContentParser() {
    }

    static void addApplication(String namespace, ExtensionElementProvider<? extends JingleContentDescription> provider) {
        APPLICATIONS.put(namespace, provider);
    }

    static void addTransport(String namespace, ExtensionElementProvider<? extends JingleContentTransport> provider) {
        TRANSPORTS.put(namespace, provider);
    }

    /** Reads the content the parser is on, leaving the parser on its end tag. */
    static JingleContent parse(XmlPullParser parser) throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        JingleContent.Builder content = JingleContent.getBuilder()
                .setCreator(creator(StrictXml.required(parser, ELEMENT, JingleContent.CREATOR_ATTRIBUTE_NAME)))
                .setName(StrictXml.required(parser, ELEMENT, JingleContent.NAME_ATTRIBUTE_NAME))
                .setDisposition(StrictXml.optional(parser, JingleContent.DISPOSITION_ATTRIBUTE_NAME));
        String senders = StrictXml.optional(parser, JingleContent.SENDERS_ATTRIBUTE_NAME);
        if (senders != null) {
            content.setSenders(senders(senders));
        }
        boolean described = false;
        boolean transported = false;
        while (StrictXml.nextChild(parser, depth, ELEMENT)) {
            String name = parser.getName();
            String namespace = parser.getNamespace();
            if (JingleContentDescription.ELEMENT.equals(name)) {
                described = once(described, name);
                var provider = APPLICATIONS.get(namespace);
                content.setDescription(provider != null ? provider.parse(parser)
                        : new UnknownJingleContentDescription(StandardExtensionElementProvider.INSTANCE.parse(parser)));
            } else if (JingleContentTransport.ELEMENT.equals(name)) {
                transported = once(transported, name);
                var provider = TRANSPORTS.get(namespace);
                content.setTransport(provider != null ? provider.parse(parser)
                        : new UnknownJingleContentTransport(StandardExtensionElementProvider.INSTANCE.parse(parser)));
            } else if (Jingle.NAMESPACE.equals(namespace)) {
                throw new JingleParseException("<content/> has no <" + name + "/> element");
            } else {
                StrictXml.skip(parser);
            }
        }
        return content.build();
    }

    private static boolean once(boolean seen, String child) throws JingleParseException {
        if (seen) {
            throw new JingleParseException("<content/> may have one <" + child + "/>, got more");
        }
        return true;
    }

    private static JingleContent.Creator creator(String value) throws JingleParseException {
        for (JingleContent.Creator creator : JingleContent.Creator.values()) {
            if (creator.name().equals(value)) {
                return creator;
            }
        }
        throw new JingleParseException("<content/> attribute 'creator' must be initiator or responder, got '"
                + value + "'");
    }

    private static JingleContent.Senders senders(String value) throws JingleParseException {
        for (JingleContent.Senders senders : JingleContent.Senders.values()) {
            if (senders.name().equals(value)) {
                return senders;
            }
        }
        throw new JingleParseException("<content/> attribute 'senders' must be both, initiator, none or responder, "
                + "got '" + value + "'");
    }
}
