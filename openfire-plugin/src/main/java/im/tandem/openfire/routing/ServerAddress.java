package im.tandem.openfire.routing;

import org.jivesoftware.openfire.XMPPServer;
import org.xmpp.packet.JID;

/** Which stanzas a client sends to the server itself rather than to another entity. */
public final class ServerAddress {
    private ServerAddress() {
    }

    /** Whether a stanza addressed to {@code to} is for the server: to no one (RFC 6120, 10.3) or to its domain. */
    public static boolean isServer(JID to) {
        return to == null || to.getNode() == null && to.getResource() == null
                && XMPPServer.getInstance().getServerInfo().getXMPPDomain().equals(to.getDomain());
    }
}
