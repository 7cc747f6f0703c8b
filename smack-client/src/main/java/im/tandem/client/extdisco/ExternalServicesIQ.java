package im.tandem.client.extdisco;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;

/**
 * XEP-0215's {@code <services xmlns='urn:xmpp:extdisco:2'/>}: empty in a request, the list of services in the
 * server's answer.
 */
public final class ExternalServicesIQ extends IQ {
    public static final String ELEMENT = "services";
    public static final String NAMESPACE = "urn:xmpp:extdisco:2";

    private final List<ExternalService> services;

    /** A request for all services. */
    public ExternalServicesIQ() {
        this(List.of());
        setType(Type.get);
    }

    ExternalServicesIQ(List<ExternalService> services) {
        super(ELEMENT, NAMESPACE);
        this.services = List.copyOf(services);
    }

    public List<ExternalService> services() {
        return services;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        if (services.isEmpty()) {
            xml.setEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        for (ExternalService service : services) {
            xml.halfOpenElement("service")
                    .attribute("type", service.type())
                    .attribute("host", service.host())
                    .attribute("port", service.port())
                    .attribute("transport", service.transport())
                    .optAttribute("username", service.username().orElse(null))
                    .optAttribute("password", service.password().orElse(null))
                    .optAttribute("expires", service.expires().map(Object::toString).orElse(null))
                    .closeEmptyElement();
        }
        return xml;
    }
}
