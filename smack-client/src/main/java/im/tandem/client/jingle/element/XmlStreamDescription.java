package im.tandem.client.jingle.element;

import java.util.List;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;

/**
 * The application of a Tandem direct session: an end-to-end XML stream (XEP-0247), described by the empty
 * element {@code <description xmlns='urn:xmpp:jingle:apps:xmlstream:0'/>}. Chat stanzas travel in that stream
 * over the encrypted channel the ICE-UDP transport sets up.
 */
public final class XmlStreamDescription extends JingleContentDescription {
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:xmlstream:0";

    /** The description has no content, so one instance serves every session. */
    public static final XmlStreamDescription INSTANCE = new XmlStreamDescription();

    private XmlStreamDescription() {
        super(List.of());
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        return new XmlStringBuilder(this, enclosingNamespace).closeEmptyElement();
    }

    @Override
    public String toString() {
        return "XML stream (XEP-0247)";
    }
}
