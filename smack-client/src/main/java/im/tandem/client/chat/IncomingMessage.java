package im.tandem.client.chat;

import java.time.Instant;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;

/**
 * A chat message as the user sees it.
 *
 * @param from        the sender's bare JID
 * @param body        the text
 * @param delayedFrom when the message was first sent, if the server held it (XEP-0203 delay stamp)
 * @param route       whether it came through the server or on a direct session
 */
public record IncomingMessage(EntityBareJid from, String body, Optional<Instant> delayedFrom, Route route) {
}
