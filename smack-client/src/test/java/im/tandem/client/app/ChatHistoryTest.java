package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

class ChatHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:15:30Z");

    @TempDir
    Path data;

    @Test
    void theLastMessagesComeBackOldestFirstWithTheirLineBreaks() throws Exception {
        ChatHistory history = ChatHistory.open(data, jid("alice@localhost"));
        BareJid bob = jid("bob@localhost");
        history.record(bob, new ChatHistory.Entry(T0, true, "server", "first"));
        history.record(bob, new ChatHistory.Entry(T0.plusSeconds(1), false, "direct", "two\nlines \\ and a backslash"));
        history.record(bob, new ChatHistory.Entry(T0.plusSeconds(2), true, "offline", "third"));

        assertThat(history.last(bob, 2)).containsExactly(
                new ChatHistory.Entry(T0.plusSeconds(1), false, "direct", "two\nlines \\ and a backslash"),
                new ChatHistory.Entry(T0.plusSeconds(2), true, "offline", "third"));
        assertThat(history.last(jid("carol@localhost"), 5)).isEmpty();
    }

    @Test
    void eachMessageIsOnDiskBeforeRecordReturnsAndADamagedLineIsPassedOver() throws Exception {
        ChatHistory history = ChatHistory.open(data, jid("alice@localhost"));
        BareJid bob = jid("bob@localhost");
        history.record(bob, new ChatHistory.Entry(T0, true, "server", "kept"));
        Path file = data.resolve("history/alice@localhost/bob@localhost.log");
        assertThat(Files.readString(file)).isEqualTo("2026-12-05T10:15:30Z in server kept\n");

        Files.writeString(file, "half a line", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, "\n", java.nio.file.StandardOpenOption.APPEND);
        history.record(bob, new ChatHistory.Entry(T0.plusSeconds(5), false, "server", "after"));
        assertThat(history.last(bob, 10)).extracting(ChatHistory.Entry::text).containsExactly("kept", "after");
    }

    @Test
    void onlyTheUserCanReadTheHistory() throws Exception {
        ChatHistory history = ChatHistory.open(data, jid("alice@localhost"));
        history.record(jid("bob@localhost"), new ChatHistory.Entry(T0, true, "server", "private"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve("history/alice@localhost")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve("history/alice@localhost/bob@localhost.log")))).isEqualTo("rw-------");
    }

    @Test
    void aJidBecomesOneFileNameInsideTheHistory() throws Exception {
        ChatHistory history = ChatHistory.open(data, jid("alice@localhost"));
        history.record(jid("zoë+tag@localhost"), new ChatHistory.Entry(T0, true, "server", "hi"));
        history.record(jid("example.org"), new ChatHistory.Entry(T0, true, "server", "from a server"));
        try (var files = Files.list(data.resolve("history/alice@localhost"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("zo%C3%AB%2Btag@localhost.log", "example.org.log");
        }
    }

    private static BareJid jid(String text) throws Exception {
        return JidCreate.bareFrom(text);
    }
}
