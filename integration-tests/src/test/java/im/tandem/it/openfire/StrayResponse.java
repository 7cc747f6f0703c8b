package im.tandem.it.openfire;

import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * A result or error IQ that answers no request, with an empty child element: what a confused or hostile client may
 * send to the server in any namespace. The server must ignore it (RFC 6120 forbids answering a response).
 */
public final class StrayResponse extends IQ {
    private final Map<String, String> attributes;

    public StrayResponse(Jid to, String element, String namespace, Type type, Map<String, String> attributes) {
        super(element, namespace);
        if (type != Type.result && type != Type.error) {
            throw new IllegalArgumentException("a response is a result or an error, not " + type);
        }
        this.attributes = Map.copyOf(attributes);
        setTo(to);
        setType(type);
        if (type == Type.error) {
            setError(StanzaError.getBuilder(StanzaError.Condition.bad_request).build());
        }
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        attributes.forEach(xml::attribute);
        xml.setEmptyElement();
        return xml;
    }
}
