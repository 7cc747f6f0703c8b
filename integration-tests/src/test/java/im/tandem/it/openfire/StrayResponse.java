package im.tandem.it.openfire;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPConnection;
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

    /**
     * Sends the server, {@code rounds} times over, a result and an error with each of the given child elements, on
     * one connection (Openfire handles them in order, so a request answered afterwards comes after all of them).
     */
    public static void sendToServer(XMPPConnection connection, int rounds, List<Child> children)
            throws NotConnectedException, InterruptedException {
        Jid server = connection.getXMPPServiceDomain();
        for (int i = 0; i < rounds; i++) {
            for (Child child : children) {
                for (Type type : List.of(Type.result, Type.error)) {
                    connection.sendStanza(new StrayResponse(server, child.element(), child.namespace(), type,
                            child.attributes()));
                }
            }
        }
    }

    /** The child element of a stray response: its name, namespace and attributes. */
    public record Child(String element, String namespace, Map<String, String> attributes) {
        public Child {
            attributes = Map.copyOf(attributes);
        }
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        attributes.forEach(xml::attribute);
        xml.setEmptyElement();
        return xml;
    }
}
