package im.tandem.openfire.offline;

import org.jivesoftware.openfire.XMPPServer;
import org.xmpp.packet.Message;

import im.tandem.openfire.delivery.UserNotices;

/**
 * Tells the user as a normal message from the server's own address: stored offline like any other, read at
 * the next login, and never relayed itself (the trigger ignores messages from the server).
 */
public final class XmppNotices implements UserNotices {
    @Override
    public void tell(String username, String text) {
        XMPPServer server = XMPPServer.getInstance();
        Message notice = new Message();
        notice.setType(Message.Type.normal);
        notice.setFrom(server.getServerInfo().getXMPPDomain());
        notice.setTo(server.createJID(username, null));
        notice.setSubject("Tandem delivery");
        notice.setBody("Tandem: " + text);
        server.getMessageRouter().route(notice);
    }
}
