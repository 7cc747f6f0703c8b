package im.tandem.client.chat;

import org.jxmpp.jid.BareJid;

/**
 * A roster entry and its best presence.
 *
 * @param jid       the contact's bare JID
 * @param name      the roster name, or the JID's local part when none is set
 * @param available whether any resource of the contact is online
 * @param status    the presence's mode ("available", "away", "dnd", …) or "offline"
 */
public record Contact(BareJid jid, String name, boolean available, String status) {
}
