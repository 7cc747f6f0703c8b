package im.tandem.client.app;

import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * The interactive screen: a prompt naming the contact plain lines go to and how messages reach them, with
 * events printed above it as they happen, in words rather than the line format.
 */
final class TerminalScreen implements ChatScreen {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    /** Events that end a transfer, and with it its progress bar. */
    private static final Set<String> FINISHED_TRANSFER = Set.of("file-sent", "file-received", "file-failed");
    /** Events that change what the prompt shows: unread counts, and whether the contact is typing. */
    private static final Set<String> PROMPT_CHANGES = Set.of("message", "typing");
    /** Widgets that change the line being typed, after which the contact is told whether the user is typing. */
    private static final List<String> EDITING_WIDGETS = List.of(LineReader.SELF_INSERT,
            LineReader.BACKWARD_DELETE_CHAR, LineReader.DELETE_CHAR, LineReader.KILL_WHOLE_LINE,
            LineReader.BACKWARD_KILL_WORD, LineReader.BACKWARD_KILL_LINE, LineReader.YANK);

    private final Terminal terminal;
    /** Made at the first prompt, once the controller whose contacts it completes is known. */
    private volatile LineReader reader;
    private volatile ChatController controller;

    private TerminalScreen(Terminal terminal) {
        this.terminal = terminal;
    }

    static TerminalScreen open() throws IOException {
        return new TerminalScreen(TerminalBuilder.builder().system(true).build());
    }

    @Override
    public void show(ChatEvent event) {
        if (event.kind().equals("file-progress")) {
            showProgress(event);
            return;
        }
        if (FINISHED_TRANSFER.contains(event.kind())) {
            clearProgress();
        }
        LineReader reader = this.reader;
        if (event.kind().equals("typing")) {
            // Shown in the prompt, for the contact the user talks to; a line per keystroke pause would drown the chat.
            if (reader != null && reader.isReading()) {
                redrawPrompt(reader);
            }
            return;
        }
        String text = describe(event);
        if (reader != null && reader.isReading()) {
            reader.printAbove(text);
            if (PROMPT_CHANGES.contains(event.kind())) {
                redrawPrompt(reader);
            }
        } else {
            terminal.writer().println(text);
            terminal.flush();
        }
    }

    /** The prompt changes while the user types; JLine redraws it under its lock. */
    private void redrawPrompt(LineReader reader) {
        if (reader instanceof LineReaderImpl impl) {
            impl.setPrompt(prompt());
            reader.callWidget(LineReader.REDRAW_LINE);
            reader.callWidget(LineReader.REDISPLAY);
        }
    }

    /**
     * The progress bar of the transfer that moved last, on the terminal's status line (below the prompt); a
     * terminal without one (a dumb terminal) shows no bar, only the outcome.
     */
    private synchronized void showProgress(ChatEvent event) {
        List<String> f = event.fields();
        Status status = Status.getStatus(terminal);
        if (status != null) {
            String label = TerminalText.printable(FileFields.decode(f.get(3)) + " (" + f.get(0) + ")");
            status.update(List.of(new AttributedString(ProgressBar.render(Integer.parseInt(f.get(1)),
                    Long.parseLong(f.get(2)), label))));
        }
    }

    private synchronized void clearProgress() {
        Status.getExistingStatus(terminal).ifPresent(status -> status.update(List.of()));
    }

    /** The contact plain lines go to and its route, and who wrote what the user has not turned to yet. */
    private String prompt() {
        String unread = controller.unread().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(java.util.stream.Collectors.joining(", ", " (unread: ", ")"));
        String target = controller.selected().map(jid -> jid + " [" + controller.route(jid).word() + "]"
                + (controller.isTyping(jid) ? " (typing…)" : "")).orElse("(/to JID, /help)");
        return TerminalText.printable(target + (controller.unread().isEmpty() ? "" : unread) + "> ");
    }

    @Override
    public String readLine(ChatController chat) {
        if (reader == null) {
            controller = chat;
            reader = LineReaderBuilder.builder().terminal(terminal).appName("tandem")
                    .completer(new ChatCompleter(chat::contactJids)).build();
            tellEdits(reader, chat);
        }
        try {
            return reader.readLine(prompt());
        } catch (EndOfFileException | UserInterruptException e) {
            return null;
        }
    }

    /** After each widget that edits the line, the controller sees the new line, to tell the contact of typing. */
    private static void tellEdits(LineReader reader, ChatController chat) {
        for (String name : EDITING_WIDGETS) {
            Widget original = reader.getWidgets().get(name);
            if (original != null) {
                reader.getWidgets().put(name, () -> {
                    boolean done = original.apply();
                    chat.edited(reader.getBuffer().toString());
                    return done;
                });
            }
        }
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    /** A roster entry's subscription (RFC 6121's words) as the roster listing shows it. */
    private static String sharing(String subscription) {
        String asked = subscription.endsWith("+asked") ? ", asked" : "";
        return switch (subscription.replace("+asked", "")) {
            case "both" -> "mutual";
            case "to" -> "you see";
            case "from" -> "sees you";
            default -> "none";
        } + asked;
    }

    /** The event in words, on one line: whatever others wrote in it is escaped ({@link TerminalText}). */
    static String describe(ChatEvent event) {
        return TerminalText.printable(inWords(event));
    }

    private static String inWords(ChatEvent event) {
        String time = LocalTime.now().format(CLOCK);
        java.util.List<String> f = event.fields();
        return switch (event.kind()) {
            case "connected" -> "Logged in as " + f.get(0) + ". /help lists the commands.";
            case "contact" -> String.format("  %-30s %-10s %-12s %s%s", f.get(0), f.get(1), sharing(f.get(2)),
                    event.text(), f.get(3).equals(FileFields.NONE) ? "" : " [" + String.join(", ",
                            ListField.decode(f.get(3))) + "]");
            case "presence" -> time + " " + f.get(0) + " is " + f.get(1)
                    + (event.text() != null ? " (" + event.text() + ")" : "");
            case "subscribe" -> time + " * " + f.get(0) + " asks to see your presence: /accept " + f.get(0)
                    + " or /deny " + f.get(0);
            case "request" -> "  " + f.get(0) + " asks to see your presence";
            case "subscribed" -> time + " * " + f.get(0) + " accepted: you see their presence";
            case "unsubscribed" -> time + " * " + f.get(0) + " does not share their presence with you";
            case "removed" -> time + " * " + f.get(0) + " is no longer in your contacts";
            case "status" -> "You are " + f.get(0) + (event.text() != null ? " (" + event.text() + ")" : "");
            case "online" -> time + " * " + f.get(0) + " came online";
            case "message" -> time + " " + f.get(0) + switch (f.get(1)) {
                case ChatController.ROUTE_OFFLINE -> " (while you were away)";
                case ChatController.ROUTE_ELSEWHERE -> " (to your other device)";
                default -> "";
            } + ": " + event.text();
            case "sent" -> time + " me → " + f.get(0) + " [" + f.get(1) + "]: " + event.text();
            case "receipt" -> time + " ✓ " + f.get(0) + " has: " + event.text();
            case "typing" -> time + " " + f.get(0) + " " + switch (f.get(1)) {
                case "composing" -> "is typing…";
                case "paused" -> "stopped typing";
                case "gone" -> "left the conversation";
                default -> "is " + f.get(1);
            };
            case "route" -> time + " * " + f.get(0) + (f.get(1).equals("direct")
                    ? " is now direct (" + f.get(2) + "): " : " goes through the server: ") + event.text();
            case "nat" -> "NAT type " + f.get(0) + " (mapping " + f.get(1) + ", filtering " + f.get(2)
                    + "), public address " + f.get(3) + ", asked " + f.get(4);
            case "notify" -> f.get(0).equals("status")
                    ? "Offline delivery by email/SMS: " + String.join(", ", f.subList(1, f.size())).replace('=', ' ')
                    : (f.get(0).equals("refused") ? "! " : "") + "Offline delivery: " + event.text();
            case "file-ask" -> time + " " + f.get(0) + " offers " + FileFields.decode(f.get(3)) + " (" + f.get(2)
                    + " bytes): /accept-file " + f.get(1) + " or /decline-file " + f.get(1);
            case "file-declined" -> time + " declined " + FileFields.decode(f.get(1)) + " from " + f.get(0) + ": "
                    + event.text();
            case "file-offer" -> time + " " + f.get(0) + " sends " + FileFields.decode(f.get(2)) + " (" + f.get(1)
                    + " bytes)";
            case "file-sent" -> time + " " + f.get(0) + " has " + FileFields.decode(f.get(1)) + " (" + f.get(2)
                    + " bytes over " + f.get(5) + ", sha-256 " + f.get(3) + ")";
            case "file-received" -> time + " " + f.get(0) + " sent " + FileFields.decode(f.get(1)) + ", saved as "
                    + FileFields.decode(f.get(4)) + " (" + f.get(2) + " bytes over " + f.get(5) + ", sha-256 verified)";
            case "file-failed" -> "! " + FileFields.decode(f.get(1)) + " with " + f.get(0) + " failed: " + event.text();
            case "history" -> "  " + f.get(1).replace('T', ' ').replaceFirst("(:\\d\\d)(\\.\\d+)?Z$", "$1 UTC")
                    + (f.get(2).equals("in") ? " " + f.get(0) + ": " : " me: ") + event.text();
            case "error" -> "! " + event.text();
            case "debug" -> "  [debug] " + event.text();
            case "bye" -> "Bye.";
            default -> event.text() != null ? event.text() : event.toLine();
        };
    }
}
