package im.tandem.client.chat;

import org.jivesoftware.smackx.chatstates.ChatState;
import org.jxmpp.jid.EntityBareJid;

/**
 * A contact's chat state notification (XEP-0085) sent on its own, without a message: typing ({@code composing}),
 * stopped typing ({@code paused}), and so on. A message itself means the contact is {@code active} and is not
 * reported again as a notice.
 */
public record ChatStateNotice(EntityBareJid from, ChatState state) {
}
