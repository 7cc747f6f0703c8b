package im.tandem.client.jingle.session;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.StringUtils;

/**
 * The {@code <text/>} of a stanza error, written with its namespace spelled out. Smack 4.4.8's stream writer
 * forgets where an {@code xmlns} declaration ends: after the condition element declares the stanza-error
 * namespace, it drops the same declaration from the following {@code <text/>}, which then lands in
 * {@code jabber:client} and is ignored by the receiver. (Our server tests showed it on the wire.) Written as
 * plain text, the declaration cannot be dropped, and receivers read it as the error's descriptive text.
 */
final class ErrorText implements ExtensionElement {
    private static final String LANGUAGE = "en";

    private final String text;

    ErrorText(String text) {
        this.text = text;
    }

    @Override
    public String getElementName() {
        return Stanza.TEXT;
    }

    @Override
    public String getNamespace() {
        return StanzaError.ERROR_CONDITION_AND_TEXT_NAMESPACE;
    }

    @Override
    public String toXML(XmlEnvironment enclosingNamespace) {
        return "<" + Stanza.TEXT + " xmlns='" + StanzaError.ERROR_CONDITION_AND_TEXT_NAMESPACE + "' xml:lang='"
                + LANGUAGE + "'>" + StringUtils.escapeForXmlText(text) + "</" + Stanza.TEXT + ">";
    }
}
