package im.tandem.client.app;

import java.util.List;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion on the terminal: the commands for the first word, then the contacts' JIDs where a command takes
 * one first, and the presences after {@code /status}.
 */
final class ChatCompleter implements Completer {
    private final Supplier<List<String>> contacts;

    /** @param contacts the contacts' bare JIDs, read at each completion so that new contacts are offered */
    ChatCompleter(Supplier<List<String>> contacts) {
        this.contacts = contacts;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates(line.wordIndex(), line.words()).forEach(word -> candidates.add(new Candidate(word)));
    }

    /** What may stand as word {@code index} of a line whose words are {@code words}. */
    List<String> candidates(int index, List<String> words) {
        if (index == 0) {
            return words.isEmpty() || words.get(0).startsWith("/") || words.get(0).isEmpty()
                    ? ChatInput.COMMANDS : List.of();
        }
        if (index == 1 && ChatInput.JID_FIRST.contains(words.get(0))) {
            return contacts.get();
        }
        if (index == 1 && words.get(0).equals("/status")) {
            return ChatInput.PRESENCES;
        }
        return List.of();
    }
}
