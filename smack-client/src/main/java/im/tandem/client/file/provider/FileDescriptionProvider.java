package im.tandem.client.file.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.jingle.provider.JingleParseException;
import im.tandem.client.jingle.provider.StrictXml;

/** Parses XEP-0234's {@code <description/>}, which holds exactly one {@code <file/>}. */
public final class FileDescriptionProvider extends ExtensionElementProvider<FileDescription> {
    public static final FileDescriptionProvider INSTANCE = new FileDescriptionProvider();
    private static final String ELEMENT = FileDescription.ELEMENT;

    @Override
    public FileDescription parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        FileInfo file = null;
        while (StrictXml.nextChild(parser, initialDepth, ELEMENT)) {
            if (FileDescription.NAMESPACE.equals(parser.getNamespace()) && FileInfo.ELEMENT.equals(parser.getName())) {
                if (file != null) {
                    throw new JingleParseException("<description/> of a file transfer holds one <file/>, got more");
                }
                file = FileInfoParser.parse(parser);
            } else {
                throw new JingleParseException("<description/> of a file transfer holds only <file/>, got <"
                        + parser.getName() + "/>");
            }
        }
        if (file == null) {
            throw new JingleParseException("<description/> of a file transfer needs a <file/>");
        }
        return new FileDescription(file);
    }
}
