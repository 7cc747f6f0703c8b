package im.tandem.it.jingle;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jxmpp.jid.Jid;

/**
 * A {@code <jingle/>} IQ set with whatever attributes and inner XML a test writes, to send requests our own
 * client would never produce: malformed, out of order, or from someone who is not a contact.
 */
public final class RawJingleIq extends IQ {
    private final Map<String, String> attributes;
    private final String innerXml;

    public RawJingleIq(Jid to, Map<String, String> attributes, String innerXml) {
        super(Jingle.ELEMENT, Jingle.NAMESPACE);
        setType(Type.set);
        setTo(to);
        this.attributes = new LinkedHashMap<>(attributes);
        this.innerXml = innerXml;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        attributes.forEach(xml::attribute);
        if (innerXml.isEmpty()) {
            xml.setEmptyElement();
        } else {
            xml.rightAngleBracket();
            xml.append(innerXml);
        }
        return xml;
    }
}
