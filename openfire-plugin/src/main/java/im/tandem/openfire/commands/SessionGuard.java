package im.tandem.openfire.commands;

import java.util.Optional;
import java.util.Set;

import org.dom4j.Element;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

import im.tandem.openfire.routing.ServerAddress;

/**
 * Looks at every command stanza to the server before Openfire's command handler does. It turns away a request that
 * continues a session it may not continue ({@link SessionCheck}): Openfire would run it on the session's owner's
 * behalf. A refused request goes to {@link SessionRefusalHandler} instead, which answers it with an error saying
 * why, and never reaches the session, which its owner can go on with. And it keeps results and errors away from the
 * handler: the server asks no one to run a command, so they answer nothing, and Openfire's handler logged a stack
 * trace at ERROR for each, which let anyone fill the server's log.
 */
final class SessionGuard implements PacketInterceptor {
    static final String COMMANDS = "http://jabber.org/protocol/commands";
    /** Actions after which Openfire's session is gone; none given means the command's default, here "complete". */
    private static final Set<String> ENDING = Set.of("execute", "complete", "cancel");

    private final CommandSessions sessions;
    private final SessionCheck check;

    SessionGuard(CommandSessions sessions, SessionCheck check) {
        this.sessions = sessions;
        this.check = check;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) {
        if (!incoming || processed || !(packet instanceof IQ iq) || !ServerAddress.isServer(iq.getTo())) {
            return;
        }
        Element command = iq.getChildElement();
        if (command == null || !"command".equals(command.getName()) || !COMMANDS.equals(command.getNamespaceURI())) {
            return;
        }
        if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
            // Without a child in a namespace of its own, Openfire's router takes a response for what it is and drops
            // it silently; an interceptor cannot drop a stanza without Openfire answering it with an error, which no
            // response may get (RFC 6120, 8.2.3).
            iq.getElement().remove(command);
        } else if (iq.getType() == IQ.Type.set) {
            guard(iq, command);
        }
    }

    private void guard(IQ request, Element command) {
        String sessionId = command.attributeValue("sessionid");
        if (sessionId == null) {
            return;
        }
        Optional<SessionCheck.Refusal> refusal = check.check(request.getFrom(), sessionId,
                command.attributeValue("node"));
        if (refusal.isPresent()) {
            SessionRefusalHandler.redirect(request, refusal.get());
        } else if (command.attributeValue("action") == null || ENDING.contains(command.attributeValue("action"))) {
            sessions.ended(sessionId);
        }
    }
}
