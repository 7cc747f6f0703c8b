package im.tandem.client.app;

import java.util.List;

/**
 * One thing the chat program tells its user, in the stable one-line form that other programs read when standard
 * input is not a terminal: a kind word, fixed fields separated by single spaces, and free text last, with
 * backslash and line breaks escaped ({@code \\}, {@code \n}).
 *
 * <pre>
 * connected JID                    logged in as this full JID
 * contact JID STATUS SUBSCRIPTION GROUPS NAME   a roster entry (after login, on /roster, and when it changes);
 *                                  SUBSCRIPTION is both, to, from or none (RFC 6121), +asked while our request
 *                                  waits; GROUPS is comma-separated (each encoded as NAME is for files) or -
 * removed JID                      the entry was removed from the roster
 * presence JID STATUS [TEXT]       a contact's presence changed; TEXT is its status text, if any
 * subscribe JID                    JID asks to see your presence (answer with /accept or /deny)
 * request JID                      a request still waiting (on /requests)
 * subscribed JID                   JID accepted your request
 * unsubscribed JID                 JID refused your request or stopped sharing their presence
 * status STATUS [TEXT]             your own presence is now STATUS (after /status)
 * online JID                       a contact came online (after a presence line)
 * message JID ROUTE TEXT           a message arrived; ROUTE is server, direct, offline (held by the server) or
 *                                  elsewhere (another of the user's devices received it: XEP-0280 carbons)
 * sent JID ROUTE TEXT              a message went out; ROUTE is server, direct or elsewhere (sent from another
 *                                  of the user's devices)
 * receipt JID TEXT                JID has the message TEXT the user sent: its receipt came through the server
 *                                  (XEP-0184) or the direct channel acknowledged it; shown once per message
 * typing JID STATE                 JID's chat state (XEP-0085): composing (typing), paused, active, inactive or
 *                                  gone; a message from JID ends composing as well
 * route JID ROUTE PATH TEXT        the conversation went direct (PATH host, srflx or relay: how ICE reaches the
 *                                  contact) or back through the server (PATH -), or an attempt to go direct
 *                                  failed (ROUTE stays server); TEXT says why
 * nat TYPE MAPPING FILTERING MAPPED SERVER   /nat's result (MAPPED is - when unknown)
 * notify status KEY=VALUE...       /notify's settings: email, phone, channels, holdoff, digest, quiet, zone,
 *                                  strangers, waiting, away (a value is - when none)
 * notify ok TEXT                   the server did what /notify asked; TEXT in its words
 * notify refused TEXT              the server refused; TEXT says why (each problem names its field)
 * file-ask JID ID SIZE NAME        a contact offers a file (--accept-files ask), NAME as it would be saved:
 *                                  /accept-file ID takes it, /decline-file ID refuses it
 * file-offer JID SIZE NAME         a contact's file is being accepted into the download folder
 * file-declined JID NAME TEXT      a contact's file was declined (by the user, or --accept-files none); TEXT is
 *                                  what the contact is told
 * file-progress JID PERCENT BYTES_PER_SECOND NAME   a transfer moved on (a few times a second at most)
 * file-sent JID NAME SIZE SHA256 PATH ROUTE         the contact has the file and its hash matched
 * file-received JID NAME SIZE SHA256 PATH ROUTE     the file arrived, its hash matched, it is saved at PATH
 * file-failed JID NAME TEXT        a transfer failed (declined, no transport worked, damaged); TEXT says why
 * history JID TIME DIRECTION ROUTE TEXT   a message from the local history (on /history); TIME is ISO-8601
 *                                  UTC, DIRECTION in or out, ROUTE as in message and sent
 * info TEXT                        a notice for the user
 * error TEXT                       something failed; the program goes on
 * debug TEXT                       one of our own debug records (with --verbose)
 * bye                              the program is about to exit
 * </pre>
 *
 * STATUS is {@code available}, {@code chat}, {@code away}, {@code xa}, {@code dnd} or {@code offline}.
 * For files, ROUTE is {@code ice} (the direct channel), {@code s5b} (SOCKS5 through the server's proxy) or
 * {@code ibb} (in-band through the server); SHA256 is lower-case hex; NAME and PATH have white space and
 * {@code %} percent-encoded ({@code my%20file.txt}), and a file offered without a name has NAME {@code -}.
 */
public record ChatEvent(String kind, List<String> fields, String text) {
    public ChatEvent {
        fields = List.copyOf(fields);
        for (String field : fields) {
            if (field.isEmpty() || field.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("event field '" + field + "' is empty or has white space");
            }
        }
    }

    public static ChatEvent of(String kind, String... fields) {
        return new ChatEvent(kind, List.of(fields), null);
    }

    public static ChatEvent withText(String kind, String text, String... fields) {
        return new ChatEvent(kind, List.of(fields), text);
    }

    /** The event as one line, without the line break. */
    public String toLine() {
        StringBuilder line = new StringBuilder(kind);
        fields.forEach(field -> line.append(' ').append(field));
        if (text != null) {
            line.append(' ').append(escape(text));
        }
        return line.toString();
    }

    /** The text on one line: backslashes doubled, line breaks as {@code \\n} and {@code \\r}. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The text {@link #escape} put on one line, as it was. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
