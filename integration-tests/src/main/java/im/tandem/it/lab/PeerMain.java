package im.tandem.it.lab;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * How the peer programs the lab starts run: their events are lines on standard output, in UTF-8 and flushed at
 * once; a failure is one more line, {@link #ERROR} and the exception, and the program exits 0 either way, so a
 * test learns what happened from the output (a {@link PeerProcess} wait can stop at that line) rather than from
 * an exit code.
 */
public final class PeerMain {
    /** The first word of the line that reports a failure. */
    public static final String ERROR = "ERROR";

    private PeerMain() {
    }

    /** The program itself, given the output to report on. */
    @FunctionalInterface
    public interface Body {
        void run(PrintStream out) throws Exception;
    }

    public static void run(Body body) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            body.run(out);
        } catch (Exception e) {
            out.println(ERROR + " " + e);
            e.printStackTrace();
        }
        System.exit(0);
    }
}
