package im.tandem.it.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import im.tandem.it.web.ChatPanel.ShownMessage;

/** The texts the browser tests send and expect to see, in order. */
final class MessageTexts {
    private MessageTexts() {
    }

    /** "prefix 1" to "prefix count": messages told apart and put in order by their number. */
    static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i).toList();
    }

    static List<String> textsOf(List<ShownMessage> messages) {
        return messages.stream().map(ShownMessage::text).toList();
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
