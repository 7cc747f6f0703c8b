package im.tandem.client.chat;

import java.util.Locale;

import org.jxmpp.jid.BareJid;

/**
 * News about presence subscriptions (RFC 6121, section 3): someone asks to see ours, or answered our request.
 *
 * @param kind what happened
 * @param jid  who it is about
 */
public record SubscriptionEvent(Kind kind, BareJid jid) {
    public enum Kind {
        /** Someone asks to see our presence; answer with accept or deny. */
        SUBSCRIBE,
        /** The contact accepted our request: we see their presence. */
        SUBSCRIBED,
        /** The contact denied our request, or no longer shares their presence. */
        UNSUBSCRIBED;

        /** The word the chat program's events use. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
