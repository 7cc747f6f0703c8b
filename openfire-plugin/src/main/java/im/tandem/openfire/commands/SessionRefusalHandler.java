package im.tandem.openfire.commands;

import org.dom4j.Element;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.handler.IQHandler;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Answers the command requests {@link SessionGuard} turned away, with an XEP-0050 error that says why. Openfire
 * lets an interceptor only reject a request with a bare not-allowed (on 4.2.0), so the guard hands the request
 * over here by wrapping its command in this handler's element.
 */
final class SessionRefusalHandler extends IQHandler {
    static final String NAMESPACE = "https://tandem.im/ns/command-refusal";
    private static final String ELEMENT = "refused";
    private static final String REASON = "reason";

    private final IQHandlerInfo info = new IQHandlerInfo(ELEMENT, NAMESPACE);

    SessionRefusalHandler() {
        super("Tandem command session refusals");
    }

    @Override
    public IQHandlerInfo getInfo() {
        return info;
    }

    /** Makes the request one for this handler, keeping its command to quote in the answer. */
    static void redirect(IQ request, SessionCheck.Refusal refusal) {
        Element command = request.getChildElement().createCopy();
        Element refused = request.setChildElement(ELEMENT, NAMESPACE);
        refused.addAttribute(REASON, refusal.name());
        refused.add(command);
    }

    @Override
    public IQ handleIQ(IQ request) {
        if (request.getType() != IQ.Type.set && request.getType() != IQ.Type.get) {
            return null;
        }
        Element refused = request.getChildElement();
        Element command = refused.element("command");
        SessionCheck.Refusal refusal = reason(refused.attributeValue(REASON));
        IQ reply = IQ.createResultIQ(request);
        reply.setChildElement((command != null ? command : refused).createCopy());
        PacketError error = new PacketError(refusal.condition(), refusal.condition().getDefaultType(), refusal.text());
        if (refusal == SessionCheck.Refusal.UNKNOWN_SESSION) {
            // XEP-0050's specific condition for a session the responder does not know.
            error.getElement().addElement("bad-sessionid", SessionGuard.COMMANDS);
        }
        reply.setError(error);
        return reply;
    }

    /** Anyone can send this element; one that no refusal made is an unknown session as far as we know. */
    private static SessionCheck.Refusal reason(String name) {
        for (SessionCheck.Refusal refusal : SessionCheck.Refusal.values()) {
            if (refusal.name().equals(name)) {
                return refusal;
            }
        }
        return SessionCheck.Refusal.UNKNOWN_SESSION;
    }
}
