package im.tandem.client.chat;

import org.jxmpp.jid.EntityBareJid;

/**
 * A chat message one of the user's other devices sent or received, copied to this one by the server (XEP-0280
 * message carbons), so that every device shows the whole conversation.
 *
 * @param sentByUser whether the user sent it (from another device) rather than received it there
 * @param peer       the contact the message went to or came from
 * @param body       the text
 */
public record CarbonCopy(boolean sentByUser, EntityBareJid peer, String body) {
}
