package im.tandem.it.demo;

import java.io.PrintStream;
import java.util.List;

import im.tandem.it.lab.PeerProcess;

/**
 * Two chat programs' events in two columns, alice's left and bob's right, each printed as it comes: a thread looks
 * for new lines a few times a second.
 */
final class SideBySide {
    /** Characters per column; longer events are cut, as the full text is in each message's summary. */
    static final int COLUMN = 58;
    private static final long POLL_MILLIS = 50;

    private final PrintStream out;
    private Thread printer;
    private volatile boolean running;

    SideBySide(PrintStream out) {
        this.out = out;
    }

    synchronized void start(PeerProcess left, PeerProcess right) {
        out.println(row("alice", "bob"));
        out.println(row("-".repeat(COLUMN), "-".repeat(COLUMN)));
        running = true;
        printer = new Thread(() -> print(left, right), "demo-events");
        printer.setDaemon(true);
        printer.start();
    }

    /** Prints what is left and stops. Idempotent. */
    synchronized void stop() {
        if (printer == null) {
            return;
        }
        running = false;
        try {
            printer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printer = null;
    }

    private void print(PeerProcess left, PeerProcess right) {
        int leftSeen = 0;
        int rightSeen = 0;
        boolean last = false;
        while (!last) {
            last = !running;
            List<String> leftLines = left.linesStartingWith("");
            List<String> rightLines = right.linesStartingWith("");
            for (; leftSeen < leftLines.size(); leftSeen++) {
                out.println(row(leftLines.get(leftSeen), ""));
            }
            for (; rightSeen < rightLines.size(); rightSeen++) {
                out.println(row("", rightLines.get(rightSeen)));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String row(String left, String right) {
        return String.format("%-" + COLUMN + "s | %s", cut(left), cut(right)).stripTrailing();
    }

    private static String cut(String text) {
        return text.length() <= COLUMN ? text : text.substring(0, COLUMN - 1) + "…";
    }
}
