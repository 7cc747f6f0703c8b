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

    /** What of the message may be relayed, if anything; {@code storedAt} is when Openfire stored it. */
    public Optional<StoredMessage> accept(Message message, Instant storedAt) {
        if (!relayable(message)) {
            return Optional.empty();
        }
        return Optional.of(new StoredMessage(message.getTo().getNode(), message.getFrom().toBareJID(),
                message.getBody(), storedAt));
    }

    public boolean relayable(Message message) {
        Message.Type type = message.getType();
        if (type != Message.Type.chat && type != Message.Type.normal) {
            return false;
        }
        String body = message.getBody();
        JID to = message.getTo();
        JID from = message.getFrom();
        if (body == null || body.isBlank() || to == null || from == null) {
            return false;
        }
        return to.getNode() != null && domain.equals(to.getDomain()) && from.getNode() != null;
    }
}
