package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The chat program on a real terminal (tmux): the prompt, completion of commands and contacts, a message arriving
 * above the line being typed without disturbing it, unread counts in the prompt, the contact's typing told and shown,
 * receipts, what others wrote shown with bidi and line-break characters escaped, and /status. Its contacts are
 * line-mode chat programs.
 */
@Tag("server")
@Tag("external")
class ChatTerminalTest {
    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw")
            .build());

    @TempDir
    static Path work;

    @BeforeAll
    static void contacts() {
        OPENFIRE.server().befriend("alice", "bob");
        OPENFIRE.server().befriend("alice", "carol");
    }

    @Test
    void aUserTypesCompletesReadsAndSetsTheirStatus() throws Exception {
        List<String> chat = ChatProgram.commandLine(OPENFIRE.server(), "alice", "alice-pw", work);
        Map<String, String> environment = new java.util.HashMap<>(ChatProgram.environment(work));
        environment.put("TERM", "xterm-256color");
        try (ChatProgram bob = ChatProgram.start(OPENFIRE.server(), "bob", "bob-pw", work);
             ChatProgram carol = ChatProgram.start(OPENFIRE.server(), "carol", "carol-pw", work);
             TmuxTerminal alice = TmuxTerminal.start(chat, 120, 30, environment)) {
            bob.await("connected ");
            carol.await("connected ");
            alice.awaitScreen(screen -> TmuxTerminal.lastLine(screen).equals("(/to JID, /help)>"), "the first prompt");
            String first = alice.screen();
            assertThat(first).contains("Logged in as alice@localhost/");
            assertThat(first.lines().filter(line -> line.matches("  carol@localhost +\\S+ +mutual +carol")))
                    .as("carol's roster line, shown once").hasSize(1);

            alice.type("/t");
            alice.press("Tab");
            alice.awaitScreen(screen -> TmuxTerminal.lastLine(screen).matches("/to +/typing"),
                    "the two commands it may be");
            alice.type("o");
            alice.press("Tab");
            alice.awaitScreen(screen -> TmuxTerminal.lastLine(screen).equals("(/to JID, /help)> /to"),
                    "the command completed");
            alice.type("b");
            alice.press("Tab");
            alice.awaitScreen(screen -> TmuxTerminal.lastLine(screen).equals("(/to JID, /help)> /to bob@localhost"),
                    "the contact completed");
            alice.press("Enter");
            alice.awaitScreen(screen -> TmuxTerminal.lastLine(screen).equals("bob@localhost [server]>"),
                    "the prompt naming bob");

            alice.type("half a sentence");
            bob.awaitSeen("typing alice@localhost composing");
            bob.type("/msg alice@localhost are you there?");
            carol.type("/msg alice@localhost lunch?");
            String screen = alice.awaitScreen(shown -> shown.contains("carol@localhost: lunch?")
                    && TmuxTerminal.lastLine(shown).startsWith("bob@localhost [server] (unread: carol@localhost 1)>"),
                    "both messages above the prompt and carol's unread count in it");
            assertThat(screen).contains("bob@localhost: are you there?");
            assertThat(TmuxTerminal.lastLine(screen)).endsWith("> half a sentence");

            alice.press("Enter");
            assertThat(bob.await("message ")).isEqualTo("message alice@localhost server half a sentence");
            alice.awaitScreen(shown -> shown.contains("✓ bob@localhost has: half a sentence"), "bob's receipt");

            bob.type("/typing alice@localhost composing");
            alice.awaitScreen(shown -> TmuxTerminal.lastLine(shown).startsWith("bob@localhost [server] (typing…)"),
                    "bob typing, in the prompt");
            bob.type("/typing alice@localhost paused");
            alice.awaitScreen(shown -> TmuxTerminal.lastLine(shown).startsWith("bob@localhost [server] (unread:"),
                    "bob's typing gone from the prompt");

            // A bidi override and a line separator could fake a reversed file name or a line from carol.
            bob.type("/msg alice@localhost see \u202Egpj.exe\u2028carol@localhost: ok");
            alice.awaitScreen(shown -> shown.contains("bob@localhost: see \\u202Egpj.exe\\u2028carol@localhost: ok"),
                    "the override and the separator shown escaped, on bob's line");

            alice.type("/status away back at two");
            alice.press("Enter");
            alice.awaitScreen(shown -> shown.contains("You are away (back at two)"), "the new status");
            bob.awaitSeen("presence alice@localhost away back at two");

            alice.type("/to carol@localhost");
            alice.press("Enter");
            alice.awaitScreen(shown -> TmuxTerminal.lastLine(shown).equals("carol@localhost [server]>"),
                    "carol's messages read");
            alice.type("/quit");
            alice.press("Enter");
            bob.awaitSeen("presence alice@localhost offline");
        }
    }
}
