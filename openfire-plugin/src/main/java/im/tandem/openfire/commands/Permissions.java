package im.tandem.openfire.commands;

import java.util.function.Predicate;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.xmpp.packet.JID;

/** Who may run a command. A user command always acts on the requester's own account: only its owner. */
public final class Permissions {
    private Permissions() {
    }

    /** Registered users of this server (not anonymous sessions, not users of other servers). */
    public static Predicate<JID> localUsers() {
        return requester -> {
            if (requester == null || requester.getNode() == null || !XMPPServer.getInstance().isLocal(requester)) {
                return false;
            }
            try {
                UserManager.getInstance().getUser(requester.getNode());
                return true;
            } catch (UserNotFoundException e) {
                return false;
            }
        };
    }

    /** The server's admins, as Openfire's own admin commands decide. */
    public static Predicate<JID> admins() {
        return requester -> requester != null && AdminManager.getInstance().isUserAdmin(requester, false);
    }
}
