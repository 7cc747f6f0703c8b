package im.tandem.openfire.offline;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.session.ClientSession;
import org.xmpp.packet.Presence;

import im.tandem.openfire.delivery.OnlineCheck;

/** Asks Openfire's routing table, which knows the available resources on every server of a cluster. */
public final class SessionOnlineCheck implements OnlineCheck {
    @Override
    public boolean isOnline(String username) {
        return XMPPServer.getInstance().getSessionManager().getActiveSessionCount(username) > 0;
    }

    @Override
    public boolean isPresent(String username) {
        for (ClientSession session : XMPPServer.getInstance().getSessionManager().getSessions(username)) {
            if (AwayTracker.isPresent(session.getPresence())) {
                return true;
            }
        }
        return false;
    }
}
