package im.tandem.client.file.element;

import java.util.List;
import java.util.Objects;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;

/**
 * The application of a file transfer session (XEP-0234): {@code <description
 * xmlns='urn:xmpp:jingle:apps:file-transfer:5'><file>…</file></description>}.
 */
public final class FileDescription extends JingleContentDescription {
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:file-transfer:5";

    private final FileInfo file;

    public FileDescription(FileInfo file) {
        super(List.of());
        this.file = Objects.requireNonNull(file, "file");
    }

    public FileInfo file() {
        return file;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace).rightAngleBracket();
        xml.append(file);
        return xml.closeElement(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileDescription other && file.equals(other.file);
    }

    @Override
    public int hashCode() {
        return file.hashCode();
    }

    @Override
    public String toString() {
        return "file transfer (XEP-0234) of " + file;
    }
}
