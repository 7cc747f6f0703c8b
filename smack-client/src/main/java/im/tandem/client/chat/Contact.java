package im.tandem.client.chat;

import java.util.List;

import org.jxmpp.jid.BareJid;

/**
 * A roster entry and its best presence.
 *
 * @param jid          the contact's bare JID
 * @param name         the roster name, or the JID's local part when none is set
 * @param available    whether any resource of the contact is online
 * @param status       the presence's mode ("available", "away", "dnd", …) or "offline"
 * @param statusText   the text the contact set with its presence, empty when none
 * @param subscription who sees whose presence, in RFC 6121's words: {@code both}, {@code to} (we see theirs),
 *                     {@code from} (they see ours) or {@code none}, with {@code +asked} while our request waits
 * @param groups       the roster groups the entry is filed under, sorted
 */
public record Contact(BareJid jid, String name, boolean available, String status, String statusText,
                      String subscription, List<String> groups) {
    public Contact {
        groups = List.copyOf(groups);
    }

    /** Whether each sees the other's presence: the rule for direct sessions and accepted files. */
    public boolean mutual() {
        return subscription.equals("both");
    }
}
