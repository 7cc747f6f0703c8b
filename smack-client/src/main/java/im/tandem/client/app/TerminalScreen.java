package im.tandem.client.app;

import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive screen: a prompt naming the contact plain lines go to and how messages reach them, with
 * events printed above it as they happen, in words rather than the line format.
 */
final class TerminalScreen implements ChatScreen {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Terminal terminal;
    private final LineReader reader;

    private TerminalScreen(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("tandem").build();
    }

    static TerminalScreen open() throws IOException {
        return new TerminalScreen(TerminalBuilder.builder().system(true).build());
    }

    @Override
    public void show(ChatEvent event) {
        String text = describe(event);
        if (reader.isReading()) {
            reader.printAbove(text);
        } else {
            terminal.writer().println(text);
            terminal.flush();
        }
    }

    @Override
    public String readLine(ChatController controller) {
        String prompt = controller.selected()
                .map(jid -> jid + " [" + ChatController.ROUTE_SERVER + "]> ")
                .orElse("(/to JID, /help)> ");
        try {
            return reader.readLine(prompt);
        } catch (EndOfFileException | UserInterruptException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    static String describe(ChatEvent event) {
        String time = LocalTime.now().format(CLOCK);
        java.util.List<String> f = event.fields();
        return switch (event.kind()) {
            case "connected" -> "Logged in as " + f.get(0) + ". /help lists the commands.";
            case "contact" -> String.format("  %-30s %-10s %s", f.get(0), f.get(1), event.text());
            case "presence" -> time + " " + f.get(0) + " is " + f.get(1);
            case "online" -> time + " * " + f.get(0) + " came online";
            case "message" -> time + " " + f.get(0) + (f.get(1).equals(ChatController.ROUTE_OFFLINE)
                    ? " (while you were away)" : "") + ": " + event.text();
            case "sent" -> time + " me → " + f.get(0) + " [" + f.get(1) + "]: " + event.text();
            case "nat" -> "NAT type " + f.get(0) + " (mapping " + f.get(1) + ", filtering " + f.get(2)
                    + "), public address " + f.get(3) + ", asked " + f.get(4);
            case "error" -> "! " + event.text();
            case "bye" -> "Bye.";
            default -> event.text() != null ? event.text() : event.toLine();
        };
    }
}
