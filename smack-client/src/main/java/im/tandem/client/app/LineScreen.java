package im.tandem.client.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** For programs: one command per input line, one {@link ChatEvent#toLine() event line} per output line. */
final class LineScreen implements ChatScreen {
    private final BufferedReader in;
    private final PrintStream out;

    LineScreen(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public synchronized void show(ChatEvent event) {
        out.println(event.toLine());
    }

    @Override
    public String readLine(ChatController controller) throws IOException {
        return in.readLine();
    }

    @Override
    public void close() {
        out.flush();
    }
}
