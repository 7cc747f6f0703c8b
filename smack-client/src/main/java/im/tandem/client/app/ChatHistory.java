package im.tandem.client.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jxmpp.jid.BareJid;

/**
 * The local history of one account's conversations: a file per contact, one line per message, appended as each
 * message arrives or leaves, so that a crash of the program loses none. Lines are
 * {@code TIME DIRECTION ROUTE TEXT} (ISO-8601 time, {@code in} or {@code out}, the route word, the text escaped as
 * events escape it). Only the user can read the files.
 */
final class ChatHistory {
    /** Messages {@code /history JID} shows when no count is given. */
    static final int DEFAULT_SHOWN = 20;
    /** The most {@code /history} shows at once: the file is read to its end, but only this many are kept. */
    static final int MAX_SHOWN = 1000;

    /** One message as the history keeps it. */
    record Entry(Instant time, boolean incoming, String route, String text) {
        String toLine() {
            return time + " " + (incoming ? "in" : "out") + " " + route + " " + ChatEvent.escape(text);
        }

        static Optional<Entry> parse(String line) {
            String[] parts = line.split(" ", 4);
            if (parts.length < 4 || !parts[1].equals("in") && !parts[1].equals("out")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Entry(Instant.parse(parts[0]), parts[1].equals("in"), parts[2],
                        ChatEvent.unescape(parts[3])));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    private final Path directory;

    private ChatHistory(Path directory) {
        this.directory = directory;
    }

    /** The history of {@code account} under {@code dataDirectory}, made private to the user if it is new. */
    static ChatHistory open(Path dataDirectory, BareJid account) throws IOException {
        Path directory = dataDirectory.resolve("history").resolve(fileName(account.toString()));
        Files.createDirectories(directory);
        restrict(directory, "rwx------");
        return new ChatHistory(directory);
    }

    /** Appends one message to the contact's file and hands it to the system before returning. */
    synchronized void record(BareJid contact, Entry entry) {
        Path file = fileOf(contact);
        try {
            boolean created = !Files.exists(file);
            Files.writeString(file, entry.toLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (created) {
                restrict(file, "rw-------");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history of " + contact + " to " + file, e);
        }
    }

    /** The last {@code count} messages with the contact, oldest first; lines that do not parse are passed over. */
    synchronized List<Entry> last(BareJid contact, int count) throws IOException {
        Path file = fileOf(contact);
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<Entry> kept = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.map(Entry::parse).flatMap(Optional::stream).forEach(entry -> {
                kept.addLast(entry);
                if (kept.size() > count) {
                    kept.removeFirst();
                }
            });
        }
        return List.copyOf(kept);
    }

    private Path fileOf(BareJid contact) {
        return directory.resolve(fileName(contact.toString()) + ".log");
    }

    /**
     * A JID as a file name: whatever is not an ASCII letter, digit, '@', '.', '-' or '_' percent-encoded, and a
     * leading dot too, so that no name is hidden or climbs out of the directory.
     */
    private static String fileName(String jid) {
        StringBuilder name = new StringBuilder();
        for (byte b : jid.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean leadingDot = c == '.' && name.length() == 0;
            if (c < 0x80 && !leadingDot && (Character.isLetterOrDigit(c) || "@.-_".indexOf(c) >= 0)) {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return name.toString();
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
