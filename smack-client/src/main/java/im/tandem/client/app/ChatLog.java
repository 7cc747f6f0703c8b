package im.tandem.client.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the chat program's log goes: a file, never the screen. Smack and ice4j log through java.util.logging, whose
 * default handler writes to standard error, that is, into the conversation on the terminal; this replaces it with a
 * file under the user's state directory. Standard error itself goes to the log too, for libraries that print there.
 */
final class ChatLog {
    /** The log file starts afresh past this size, so that a long-running program does not fill the disk. */
    static final int FILE_LIMIT_BYTES = 5 * 1024 * 1024;
    /** The loggers of our own code, which {@code --verbose} opens up to debug records. */
    static final String OUR_LOGGERS = "im.tandem";
    /** What the file takes from libraries: their warnings and notices, not their chatter. */
    static final Level LIBRARY_LEVEL = Level.INFO;

    /** Held, since java.util.logging keeps loggers only weakly and would forget the level set on it. */
    private static final Logger OURS = Logger.getLogger(OUR_LOGGERS);
    private static final Logger STANDARD_ERROR = Logger.getLogger("stderr");

    private ChatLog() {
    }

    /** {@code chat.log} in the user's state directory ({@link UserDirectories#state}). */
    static Path defaultFile(Map<String, String> environment, Path home) {
        return UserDirectories.state(environment, home).resolve("chat.log");
    }

    /**
     * Sends every log record to {@code file} (and no longer to the screen), and standard error with them.
     *
     * @param debug told our own debug records when verbose, as events for the screen; {@code null} otherwise
     * @throws IOException if the file cannot be opened, with its name
     */
    static void install(Path file, Consumer<ChatEvent> debug) throws IOException {
        // First of all, so that nothing reaches the screen even if the file cannot be opened.
        LogManager.getLogManager().reset();
        System.setErr(new PrintStream(new LineLogger(STANDARD_ERROR), true, StandardCharsets.UTF_8));
        Logger root = Logger.getLogger("");
        root.setLevel(LIBRARY_LEVEL);
        if (debug != null) {
            OURS.setLevel(Level.FINE);
            OURS.addHandler(new ScreenHandler(debug));
        }
        Path absolute = file.toAbsolutePath();
        FileHandler handler;
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            // '%' starts a FileHandler pattern. One file, so that it is the file named; a second program logging to
            // it at the same time gets FILE.1.
            handler = new FileHandler(absolute.toString().replace("%", "%%"), FILE_LIMIT_BYTES, 1, true);
        } catch (IOException e) {
            throw new IOException("cannot write the log file " + absolute + " (" + e.getMessage()
                    + "); going on without a log", e);
        }
        handler.setFormatter(new SimpleFormatter());
        handler.setEncoding(StandardCharsets.UTF_8.name());
        handler.setLevel(debug != null ? Level.FINE : LIBRARY_LEVEL);
        root.addHandler(handler);
    }

    /** Our own records as {@code debug} events. */
    private static final class ScreenHandler extends Handler {
        private final Consumer<ChatEvent> screen;

        ScreenHandler(Consumer<ChatEvent> screen) {
            this.screen = screen;
            setFormatter(new SimpleFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                String source = record.getLoggerName().substring(record.getLoggerName().lastIndexOf('.') + 1);
                screen.accept(ChatEvent.withText("debug", source + ": " + getFormatter().formatMessage(record)));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Standard error, a line at a time, as warnings in the log. */
    private static final class LineLogger extends OutputStream {
        private final Logger logger;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineLogger(Logger logger) {
            this.logger = logger;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flush();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                logger.warning(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
