package im.tandem.client.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;

import im.tandem.client.chat.Receipt;

/**
 * The user's messages whose receipt has not come yet, so that each receipt is shown once, after the message's own
 * {@code sent} line, and names the message by its text. A receipt may come before the {@code sent} line is shown
 * (the direct channel is quick): it is then held until the line is out.
 */
final class AwaitedReceipts {
    /**
     * Messages whose receipt is awaited at most; beyond it the oldest is forgotten, as a contact whose client sends
     * no receipts would otherwise make the list grow for as long as the program runs.
     */
    static final int CAPACITY = 1000;

    /** A message sent, as its receipt will show it. */
    record Message(EntityBareJid to, String text) {
    }

    private static final class Awaited {
        final Message message;
        boolean shown;
        boolean received;

        Awaited(Message message) {
            this.message = message;
        }
    }

    private final Map<String, Awaited> awaited = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Awaited> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The message with this id is about to be sent. */
    synchronized void sending(String id, EntityBareJid to, String text) {
        awaited.put(id, new Awaited(new Message(to, text)));
    }

    /** Its {@code sent} line is out; returns the message if its receipt came already and is to be shown now. */
    synchronized Optional<Message> shown(String id) {
        Awaited entry = awaited.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        entry.shown = true;
        return entry.received ? Optional.of(awaited.remove(id).message) : Optional.empty();
    }

    /** The message was not sent after all: no receipt will come. */
    synchronized void failed(String id) {
        awaited.remove(id);
    }

    /**
     * A receipt came: the message to show it for, unless it is not one we await (a second receipt for a message
     * re-sent on the other route, or one from someone else) or its {@code sent} line is not out yet.
     */
    synchronized Optional<Message> received(Receipt receipt) {
        Awaited entry = awaited.get(receipt.id());
        if (entry == null || !entry.message.to().equals(receipt.from())) {
            return Optional.empty();
        }
        entry.received = true;
        return entry.shown ? Optional.of(awaited.remove(receipt.id()).message) : Optional.empty();
    }
}
