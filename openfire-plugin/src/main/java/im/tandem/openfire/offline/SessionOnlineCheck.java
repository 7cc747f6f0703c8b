package im.tandem.openfire.offline;

import org.jivesoftware.openfire.XMPPServer;

import im.tandem.openfire.delivery.OnlineCheck;

/** Asks Openfire's routing table, which knows the available resources on every server of a cluster. */
public final class SessionOnlineCheck implements OnlineCheck {
    @Override
    public boolean isOnline(String username) {
        return XMPPServer.getInstance().getSessionManager().getActiveSessionCount(username) > 0;
    }
}
