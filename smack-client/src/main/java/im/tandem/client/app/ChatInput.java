package im.tandem.client.app;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.chatstates.ChatState;

/**
 * One line the user typed, understood. Commands start with '/'; any other line is a message to the selected
 * contact.
 *
 * <pre>
 * /to JID           choose whom plain lines go to
 * /msg JID TEXT     send TEXT to JID
 * /roster           list the contacts with their presence
 * /add JID [NAME]   add a contact and ask to see their presence
 * /remove JID       remove a contact
 * /accept JID       let JID see your presence (and ask to see theirs)
 * /deny JID         refuse JID's request
 * /requests         the requests waiting for an answer
 * /rename JID NAME  the name a contact is shown under
 * /status SHOW [TEXT]  your presence: available, chat, away, xa or dnd, with a text
 * /typing JID STATE tell JID you are typing (composing), have paused, are active, inactive or gone (XEP-0085)
 * /history JID [N]  the last N messages with JID from the local history
 * /nat [HOST[:PORT]] this network's NAT type, from the server's STUN service or the one given
 * /file JID PATH    send the file at PATH to the contact JID
 * /accept-file ID   take the file offered as ID (with --accept-files ask)
 * /decline-file ID  refuse it
 * /notify ...       offline delivery by email and SMS (see {@link NotifyRequest})
 * /help             the commands
 * /quit             log out and exit
 * TEXT              send TEXT to the contact chosen with /to
 * </pre>
 */
public sealed interface ChatInput {
    String HELP = String.join("\n",
            "/to JID            choose whom plain lines go to",
            "/msg JID TEXT      send TEXT to JID",
            "/roster            list the contacts with their presence",
            "/add JID [NAME]    add a contact and ask to see their presence",
            "/remove JID        remove a contact",
            "/accept JID        let JID see your presence (and ask to see theirs)",
            "/deny JID          refuse JID's request to see your presence",
            "/requests          the requests waiting for an answer",
            "/rename JID NAME   the name a contact is shown under",
            "/status SHOW [TEXT] your presence: available, chat, away, xa or dnd, with a text",
            "/typing JID STATE  tell JID you are composing, paused, active, inactive or gone (XEP-0085)",
            "/history JID [N]   the last N messages with JID (default " + ChatHistory.DEFAULT_SHOWN + ")",
            "/nat [HOST[:PORT]] this network's NAT type (default: the server's STUN service)",
            "/file JID PATH     send a file to a contact",
            "/accept-file ID    take a file a contact offers (the ID its offer showed)",
            "/decline-file ID   refuse it",
            NotifyRequest.USAGE,
            "/help              these commands",
            "/quit              log out and exit",
            "TEXT               send TEXT to the contact chosen with /to");

    /** Every command, for completion; {@link #JID_FIRST} take a contact's JID as their first argument. */
    List<String> COMMANDS = List.of("/to", "/msg", "/roster", "/add", "/remove", "/accept", "/deny", "/requests",
            "/rename", "/status", "/typing", "/history", "/nat", "/file", "/notify", "/help", "/quit");
    Set<String> JID_FIRST = Set.of("/to", "/msg", "/add", "/remove", "/accept", "/deny", "/rename", "/history",
            "/file", "/typing");
    /** The words {@code /status} takes first. */
    List<String> PRESENCES = List.of("available", "chat", "away", "xa", "dnd");

    String STATUS_USAGE = "/status available|chat|away|xa|dnd [TEXT]";
    String HISTORY_USAGE = "/history JID [N]";
    String TYPING_USAGE = "/typing JID composing|paused|active|inactive|gone";

    record SelectContact(String jid) implements ChatInput {
    }

    record Send(Optional<String> jid, String text) implements ChatInput {
    }

    record ListRoster() implements ChatInput {
    }

    /** {@code /add JID [NAME]}: the name is the rest of the line. */
    record AddContact(String jid, Optional<String> name) implements ChatInput {
    }

    record RemoveContact(String jid) implements ChatInput {
    }

    /** {@code /accept JID} or {@code /deny JID}. */
    record AnswerRequest(String jid, boolean accept) implements ChatInput {
    }

    record ListRequests() implements ChatInput {
    }

    /** {@code /rename JID NAME}: the name is the rest of the line. */
    record RenameContact(String jid, String name) implements ChatInput {
    }

    /** {@code /status SHOW [TEXT]}: the text is the rest of the line, empty for none. */
    record SetStatus(Presence.Mode mode, String text) implements ChatInput {
    }

    /** {@code /typing JID STATE}: a chat state notification (XEP-0085) sent on its own. */
    record SendChatState(String jid, ChatState state) implements ChatInput {
    }

    /** {@code /history JID [N]}. */
    record ShowHistory(String jid, int count) implements ChatInput {
    }

    record DiscoverNat(Optional<String> stunServer) implements ChatInput {
    }

    /** A {@code /notify} request: offline delivery by email and SMS. */
    record Notify(NotifyRequest request) implements ChatInput {
    }

    /** {@code /file JID PATH}: the path is the rest of the line, so it may hold spaces. */
    record SendFile(String jid, String path) implements ChatInput {
    }

    /** {@code /accept-file ID} or {@code /decline-file ID}: the answer to a file offer shown as ID. */
    record AnswerFile(String id, boolean accept) implements ChatInput {
    }

    record Help() implements ChatInput {
    }

    record Quit() implements ChatInput {
    }

    /** Nothing to do: an empty line. */
    record Nothing() implements ChatInput {
    }

    /**
     * @throws IllegalArgumentException for an unknown command or missing arguments, with a message for the user
     */
    static ChatInput parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new Nothing();
        }
        if (!trimmed.startsWith("/")) {
            return new Send(Optional.empty(), trimmed);
        }
        String[] words = trimmed.split("\\s+", 3);
        return switch (words[0]) {
            case "/to" -> new SelectContact(argument(words, 1, "/to JID"));
            case "/msg" -> new Send(Optional.of(argument(words, 1, "/msg JID TEXT")), argument(words, 2, "/msg JID TEXT"));
            case "/roster" -> new ListRoster();
            case "/add" -> new AddContact(argument(words, 1, "/add JID [NAME]"),
                    words.length > 2 ? Optional.of(words[2]) : Optional.empty());
            case "/remove" -> new RemoveContact(argument(words, 1, "/remove JID"));
            case "/accept" -> new AnswerRequest(argument(words, 1, "/accept JID"), true);
            case "/deny" -> new AnswerRequest(argument(words, 1, "/deny JID"), false);
            case "/requests" -> new ListRequests();
            case "/history" -> new ShowHistory(argument(words, 1, HISTORY_USAGE),
                    words.length > 2 ? count(words[2]) : ChatHistory.DEFAULT_SHOWN);
            case "/rename" -> new RenameContact(argument(words, 1, "/rename JID NAME"),
                    argument(words, 2, "/rename JID NAME"));
            case "/status" -> new SetStatus(mode(argument(words, 1, STATUS_USAGE)),
                    words.length > 2 ? words[2] : "");
            case "/typing" -> new SendChatState(argument(words, 1, TYPING_USAGE),
                    chatState(argument(words, 2, TYPING_USAGE)));
            case "/nat" -> new DiscoverNat(words.length > 1 ? Optional.of(words[1]) : Optional.empty());
            case "/notify" -> new Notify(NotifyRequest.parse(trimmed.substring("/notify".length())));
            case "/file" -> new SendFile(argument(words, 1, "/file JID PATH"), argument(words, 2, "/file JID PATH"));
            case "/accept-file" -> new AnswerFile(argument(words, 1, "/accept-file ID"), true);
            case "/decline-file" -> new AnswerFile(argument(words, 1, "/decline-file ID"), false);
            case "/help" -> new Help();
            case "/quit" -> new Quit();
            default -> throw new IllegalArgumentException("unknown command " + words[0] + "; /help lists them");
        };
    }

    private static int count(String word) {
        try {
            int count = Integer.parseInt(word.strip());
            if (count >= 1 && count <= ChatHistory.MAX_SHOWN) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + word + "' is not a number of messages from 1 to "
                + ChatHistory.MAX_SHOWN + "; usage: " + HISTORY_USAGE);
    }

    private static ChatState chatState(String word) {
        try {
            return ChatState.valueOf(word.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + word + "' is not a chat state; usage: " + TYPING_USAGE, e);
        }
    }

    private static Presence.Mode mode(String word) {
        return switch (word) {
            case "available" -> Presence.Mode.available;
            case "chat" -> Presence.Mode.chat;
            case "away" -> Presence.Mode.away;
            case "xa" -> Presence.Mode.xa;
            case "dnd" -> Presence.Mode.dnd;
            default -> throw new IllegalArgumentException("'" + word + "' is not a presence; usage: " + STATUS_USAGE);
        };
    }

    private static String argument(String[] words, int index, String usage) {
        if (words.length <= index || words[index].isBlank()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return words[index];
    }
}
