package im.tandem.client.file.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.JingleContent;

import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.element.FileSessionInfo;
import im.tandem.client.jingle.provider.JingleParseException;
import im.tandem.client.jingle.provider.StrictXml;

/** Parses XEP-0234's session-info payloads, {@code <checksum/>} and {@code <received/>}. */
public final class FileSessionInfoProvider extends ExtensionElementProvider<FileSessionInfo> {
    public static final FileSessionInfoProvider INSTANCE = new FileSessionInfoProvider();

    @Override
    public FileSessionInfo parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        String element = parser.getName();
        JingleContent.Creator creator = creator(parser, element);
        String name = StrictXml.required(parser, element, FileSessionInfo.ATTR_NAME);
        try {
            return switch (element) {
                case FileSessionInfo.Received.ELEMENT -> {
                    StrictXml.requireEmpty(parser, initialDepth, element);
                    yield new FileSessionInfo.Received(creator, name);
                }
                case FileSessionInfo.Checksum.ELEMENT -> new FileSessionInfo.Checksum(creator, name,
                        checksumFile(parser, initialDepth));
                default -> throw new JingleParseException("file transfer has no session-info <" + element + "/>");
            };
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }

    private static FileInfo checksumFile(XmlPullParser parser, int initialDepth)
            throws XmlPullParserException, IOException, JingleParseException {
        FileInfo file = null;
        while (StrictXml.nextChild(parser, initialDepth, FileSessionInfo.Checksum.ELEMENT)) {
            if (!FileInfo.ELEMENT.equals(parser.getName()) || file != null) {
                throw new JingleParseException("<checksum/> holds one <file/>, found <" + parser.getName() + "/>");
            }
            file = FileInfoParser.parse(parser);
        }
        if (file == null) {
            throw new JingleParseException("<checksum/> needs a <file/>");
        }
        return file;
    }

    private static JingleContent.Creator creator(XmlPullParser parser, String element) throws JingleParseException {
        String value = StrictXml.required(parser, element, FileSessionInfo.ATTR_CREATOR);
        for (JingleContent.Creator creator : JingleContent.Creator.values()) {
            if (creator.name().equals(value)) {
                return creator;
            }
        }
        throw new JingleParseException("<" + element + "/> attribute 'creator' must be initiator or responder, got '"
                + value + "'");
    }
}
