package im.tandem.client.direct;

import java.util.Optional;
import java.util.UUID;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.hints.element.NoStoreHint;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jxmpp.jid.Jid;

/**
 * The stanzas of a conversation, the same on either route: a chat message carries an origin-id (XEP-0359), which
 * is also its stanza id, asks for a receipt (XEP-0184) and says the user is {@code active} (XEP-0085); a receipt
 * names the stanza id it acknowledges; a chat state notification goes on its own, without a body.
 */
final class ChatMessages {
    private ChatMessages() {
    }

    /** A chat message (RFC 6121 type chat) whose id and origin-id are one fresh UUID. */
    static Message chat(Jid to, String body) {
        return chat(to, body, UUID.randomUUID().toString());
    }

    /** A chat message with the given id as stanza id and origin-id: a re-send is the same message again. */
    static Message chat(Jid to, String body, String id) {
        MessageBuilder message = StanzaBuilder.buildMessage(id).to(to).ofType(Message.Type.chat).setBody(body)
                .addExtension(new OriginIdElement(id))
                // XEP-0085 5.1: a message carries the sender's state, which also tells the contact that the user's
                // client takes notifications; standalone ones go only to contacts known to take them.
                .addExtension(new ChatStateExtension(ChatState.active));
        DeliveryReceiptRequest.addTo(message);
        return message.build();
    }

    /**
     * The receipt for message {@code id}. Marked no-store (XEP-0334): a receipt for a sender who has gone is of no
     * use later, and must not end up in the offline store or a digest.
     */
    static Message receipt(Jid to, String id) {
        return StanzaBuilder.buildMessage().to(to).addExtension(new DeliveryReceipt(id))
                .addExtension(NoStoreHint.INSTANCE).build();
    }

    /**
     * A chat state notification on its own (XEP-0085), of type chat as the specification asks. Marked no-store
     * (XEP-0334): that the user was typing is of no use to a contact who reads it later.
     */
    static Message chatState(Jid to, ChatState state) {
        return StanzaBuilder.buildMessage().to(to).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(state)).addExtension(NoStoreHint.INSTANCE).build();
    }

    /** The chat state a message carries, if any. */
    static Optional<ChatState> chatState(Message message) {
        return message.getExtension(ChatStateExtension.NAMESPACE) instanceof ChatStateExtension extension
                ? Optional.of(extension.getChatState()) : Optional.empty();
    }

    /** The origin-id, by which a message re-sent on another route is recognised. */
    static Optional<String> originId(Message message) {
        OriginIdElement origin = OriginIdElement.getOriginId(message);
        return origin == null ? Optional.empty() : Optional.ofNullable(origin.getId());
    }

    /** The id of the message a receipt acknowledges, if this is a receipt. */
    static Optional<String> acknowledged(Message message) {
        DeliveryReceipt receipt = DeliveryReceipt.from(message);
        return receipt == null ? Optional.empty() : Optional.ofNullable(receipt.getId());
    }

    /** Whether the sender asked for a receipt it can match: the request and a stanza id. */
    static boolean wantsReceipt(Message message) {
        return DeliveryReceiptRequest.from(message) != null && message.getStanzaId() != null;
    }
}
