package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatLogTest {
    @TempDir
    Path directory;

    private PrintStream standardError;
    private final ByteArrayOutputStream screenError = new ByteArrayOutputStream();

    @BeforeEach
    void watchStandardError() {
        standardError = System.err;
        System.setErr(new PrintStream(screenError, true, StandardCharsets.UTF_8));
        // The JDK's default: a console handler on the root logger, writing to standard error.
        LogManager.getLogManager().reset();
        Logger.getLogger("").addHandler(new java.util.logging.ConsoleHandler());
    }

    @AfterEach
    void restore() throws Exception {
        System.setErr(standardError);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.close();
        }
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void librariesLogIntoTheFileAndNothingReachesTheScreen() throws Exception {
        Path file = directory.resolve("state/tandem/chat.log");
        ChatLog.install(file, null);

        Logger.getLogger("org.ice4j.ice.Agent").info("Gathering candidates for component stream-1.RTP");
        Logger.getLogger("im.tandem.client.direct.Conversation").fine("a debug record");
        System.err.println("printed by a library");
        flushHandlers();

        assertThat(screenError.toString(StandardCharsets.UTF_8)).isEmpty();
        String log = Files.readString(file);
        assertThat(log).contains("Gathering candidates").contains("printed by a library")
                .doesNotContain("a debug record");
    }

    @Test
    void verboseShowsOurOwnDebugRecordsButNeverTheLibraries() throws Exception {
        Path file = directory.resolve("chat.log");
        List<ChatEvent> shown = new CopyOnWriteArrayList<>();
        ChatLog.install(file, shown::add);

        Logger.getLogger("im.tandem.client.direct.Conversation").fine("trying a direct session");
        Logger.getLogger("org.ice4j.ice.Agent").info("ICE state changed");
        flushHandlers();

        assertThat(shown).extracting(ChatEvent::toLine).containsExactly("debug Conversation: trying a direct session");
        assertThat(screenError.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(file)).contains("trying a direct session").contains("ICE state changed");
    }

    @Test
    void aLogThatCannotBeWrittenIsReportedAndTheScreenStaysQuiet() throws Exception {
        Path blocker = Files.writeString(directory.resolve("not-a-directory"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChatLog.install(blocker.resolve("chat.log"), null))
                .hasMessageContaining("cannot write the log file").hasMessageContaining("going on without a log");
        Logger.getLogger("org.ice4j.ice.Agent").warning("still not on the screen");
        assertThat(screenError.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void flushHandlers() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
        System.err.flush();
    }
}
