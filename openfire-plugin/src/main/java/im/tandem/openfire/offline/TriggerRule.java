package im.tandem.openfire.offline;

import java.time.Instant;
import java.util.Optional;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Which stored messages may be relayed: a chat or normal message with a body, to a local user, from a
 * user. Group chat, errors and headlines are not; receipts and chat states have no body; messages from the
 * server itself (such as the plugin's own notices) would otherwise relay themselves.
 */
public final class TriggerRule {
    private final String domain;

    /** @param domain this server's XMPP domain */
    public TriggerRule(String domain) {
        this.domain = domain;
    }

    public Optional<StoredMessage> accept(Message message, Instant now) {
        Message.Type type = message.getType();
        if (type != Message.Type.chat && type != Message.Type.normal) {
            return Optional.empty();
        }
        String body = message.getBody();
        JID to = message.getTo();
        JID from = message.getFrom();
        if (body == null || body.isBlank() || to == null || from == null) {
            return Optional.empty();
        }
        if (to.getNode() == null || !domain.equals(to.getDomain()) || from.getNode() == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredMessage(to.getNode(), from.toBareJID(), body, now));
    }
}
