package im.tandem.client.app;

import java.util.List;

/**
 * One thing the chat program tells its user, in the stable one-line form that other programs read when standard
 * input is not a terminal: a kind word, fixed fields separated by single spaces, and free text last, with
 * backslash and line breaks escaped ({@code \\}, {@code \n}).
 *
 * <pre>
 * connected JID                    logged in as this full JID
 * contact JID STATUS NAME          a roster entry (after login and on /roster)
 * presence JID STATUS              a contact's presence changed
 * online JID                       a contact came online (after a presence line)
 * message JID ROUTE TEXT           a message arrived; ROUTE is server, direct or offline (held by the server)
 * sent JID ROUTE TEXT              a message went out
 * nat TYPE MAPPING FILTERING MAPPED SERVER   /nat's result (MAPPED is - when unknown)
 * info TEXT                        a notice for the user
 * error TEXT                       something failed; the program goes on
 * bye                              the program is about to exit
 * </pre>
 *
 * STATUS is {@code available}, {@code chat}, {@code away}, {@code xa}, {@code dnd} or {@code offline}.
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

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }
}
