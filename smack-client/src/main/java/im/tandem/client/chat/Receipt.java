package im.tandem.client.chat;

import org.jxmpp.jid.EntityBareJid;

/**
 * The contact has a message the user sent: its XEP-0184 receipt came through the server, or the direct channel's
 * end-to-end acknowledgement (the same receipt element) came back on the direct stream.
 *
 * @param from the contact
 * @param id   the stanza id (and origin-id) of the message received
 */
public record Receipt(EntityBareJid from, String id) {
}
