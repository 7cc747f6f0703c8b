package im.tandem.client.file.element;

import java.util.Objects;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContent;

/**
 * The informational messages of XEP-0234 §8, sent in session-info: {@link Checksum} (the sender's hash of the
 * file, when the offer did not carry it) and {@link Received} (the receiver has the whole file). Both name the
 * content they are about.
 */
public sealed interface FileSessionInfo extends ExtensionElement {
    String ATTR_CREATOR = "creator";
    String ATTR_NAME = "name";

    JingleContent.Creator creator();

    /** The content's name. */
    String name();

    @Override
    default String getNamespace() {
        return FileDescription.NAMESPACE;
    }

    /** {@code <checksum creator='…' name='…'><file><hash/>…</file></checksum>}. */
    record Checksum(JingleContent.Creator creator, String name, FileInfo file) implements FileSessionInfo {
        public static final String ELEMENT = "checksum";

        public Checksum {
            Objects.requireNonNull(creator, ATTR_CREATOR);
            Objects.requireNonNull(name, ATTR_NAME);
            if (file.hashes().stream().noneMatch(hash -> hash.value().isPresent())) {
                throw new IllegalArgumentException("<checksum/> must carry at least one computed <hash/>");
            }
        }

        @Override
        public String getElementName() {
            return ELEMENT;
        }

        @Override
        public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
            return new XmlStringBuilder(this, enclosingNamespace).attribute(ATTR_CREATOR, creator)
                    .attribute(ATTR_NAME, name).rightAngleBracket().append(file).closeElement(this);
        }
    }

    /** {@code <received creator='…' name='…'/>}. */
    record Received(JingleContent.Creator creator, String name) implements FileSessionInfo {
        public static final String ELEMENT = "received";

        public Received {
            Objects.requireNonNull(creator, ATTR_CREATOR);
            Objects.requireNonNull(name, ATTR_NAME);
        }

        @Override
        public String getElementName() {
            return ELEMENT;
        }

        @Override
        public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
            return new XmlStringBuilder(this, enclosingNamespace).attribute(ATTR_CREATOR, creator)
                    .attribute(ATTR_NAME, name).closeEmptyElement();
        }
    }
}
