package im.tandem.openfire.offline;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.xmpp.packet.JID;

/** A contact is a roster entry with a presence subscription in either direction. */
public final class RosterContacts implements Contacts {
    @Override
    public boolean isContact(String username, String senderBareJid) {
        try {
            Roster roster = XMPPServer.getInstance().getRosterManager().getRoster(username);
            JID sender = new JID(senderBareJid);
            if (!roster.isRosterItem(sender)) {
                return false;
            }
            RosterItem.SubType subscription = roster.getRosterItem(sender).getSubStatus();
            return subscription == RosterItem.SUB_BOTH || subscription == RosterItem.SUB_FROM
                    || subscription == RosterItem.SUB_TO;
        } catch (UserNotFoundException e) {
            return false;
        }
    }
}
