package im.tandem.openfire.extdisco;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.dom4j.Element;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.jivesoftware.util.JiveGlobals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0215 External Service Discovery ({@value #NAMESPACE}): tells authenticated local users where the STUN and
 * TURN services are, with short-lived TURN credentials. Anyone else (remote entities, anonymous or unknown users)
 * gets {@code forbidden} and learns nothing.
 */
public final class ExtDiscoIQHandler extends IQHandler {
    public static final String NAMESPACE = "urn:xmpp:extdisco:2";
    private static final Logger LOG = LoggerFactory.getLogger(ExtDiscoIQHandler.class);

    private final IQHandlerInfo info = new IQHandlerInfo("services", NAMESPACE);
    private final ServiceDirectory directory;

    public ExtDiscoIQHandler(ServiceDirectory directory) {
        super("Tandem external service discovery");
        this.directory = directory;
    }

    @Override
    public IQHandlerInfo getInfo() {
        return info;
    }

    /**
     * A result or error is nobody's request: it gets no answer (RFC 6120 8.2.3). Answering it made Tinder refuse to
     * build the reply, and Openfire logged the exception with a stack trace at ERROR, for every such stanza anyone
     * sent.
     */
    @Override
    public IQ handleIQ(IQ request) {
        if (request.getType() == IQ.Type.result || request.getType() == IQ.Type.error) {
            return null;
        }
        Element query = request.getChildElement();
        if (request.getType() != IQ.Type.get) {
            return error(request, PacketError.Condition.bad_request);
        }
        JID from = request.getFrom();
        if (!isLocalUser(from)) {
            return error(request, PacketError.Condition.forbidden);
        }
        RendezvousSettings settings = RendezvousSettings.read(JiveGlobals::getProperty);
        settings.problems().forEach(problem -> LOG.warn("External service discovery: {}", problem));
        String user = from.getNode();
        return switch (query.getName()) {
            case "services" -> answer(request, "services",
                    directory.services(settings, user, Optional.ofNullable(query.attributeValue("type"))));
            case "credentials" -> credentials(request, query, settings, user);
            default -> error(request, PacketError.Condition.bad_request);
        };
    }

    private IQ credentials(IQ request, Element query, RendezvousSettings settings, String user) {
        Element wanted = query.element("service");
        if (wanted == null || wanted.attributeValue("type") == null || wanted.attributeValue("host") == null) {
            return error(request, PacketError.Condition.bad_request);
        }
        return directory.service(settings, user, wanted.attributeValue("type"), wanted.attributeValue("host"))
                .map(service -> answer(request, "credentials", List.of(service)))
                .orElseGet(() -> error(request, PacketError.Condition.item_not_found));
    }

    private static boolean isLocalUser(JID from) {
        return from != null && from.getNode() != null && XMPPServer.getInstance().isLocal(from)
                && hasAccount(from.getNode());
    }

    /**
     * Through {@code getUser}, which every Openfire since 4.2.0 has: {@code isRegisteredUser(String)} is gone from
     * 4.8 on, and calling it there throws {@code NoSuchMethodError}, which makes Openfire drop the connection.
     */
    private static boolean hasAccount(String username) {
        try {
            UserManager.getInstance().getUser(username);
            return true;
        } catch (UserNotFoundException e) {
            return false;
        }
    }

    private static IQ answer(IQ request, String element, List<AdvertisedService> services) {
        IQ reply = IQ.createResultIQ(request);
        Element list = reply.setChildElement(element, NAMESPACE);
        for (AdvertisedService service : services) {
            Element item = list.addElement("service")
                    .addAttribute("type", service.type())
                    .addAttribute("host", service.host())
                    .addAttribute("port", Integer.toString(service.port()))
                    .addAttribute("transport", service.transport());
            service.credentials().ifPresent(credentials -> item
                    .addAttribute("username", credentials.username())
                    .addAttribute("password", credentials.password())
                    .addAttribute("expires", credentials.expires().truncatedTo(ChronoUnit.SECONDS).toString())
                    .addAttribute("restricted", "1"));
        }
        return reply;
    }

    private static IQ error(IQ request, PacketError.Condition condition) {
        IQ reply = IQ.createResultIQ(request);
        reply.setChildElement(request.getChildElement().createCopy());
        reply.setError(condition);
        return reply;
    }
}
