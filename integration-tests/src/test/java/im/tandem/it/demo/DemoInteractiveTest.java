package im.tandem.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import im.tandem.it.chat.TmuxTerminal;
import im.tandem.it.direct.DirectLab;
import im.tandem.it.lab.PeerProcess;

/**
 * {@code ./tandem demo --interactive}: after the script, a person types as alice in the chat program on a real
 * terminal (tmux), in alice's namespace behind her NAT, and bob's program, still running, receives it directly;
 * while the person types, bob is told that alice is typing.
 */
@Tag("lab")
@Tag("server")
@Tag("external")
class DemoInteractiveTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void whatThePersonTypesAsAliceReachesBobDirectly() throws Exception {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (DirectLab lab = DirectLab.start(Map.of(DemoScript.ALICE_CLIENT, DemoCommand.DEFAULT_NAT,
                DemoScript.BOB_CLIENT, DemoCommand.DEFAULT_NAT));
             DemoScript script = new DemoScript(lab, out)) {
            assertThat(script.run().route()).isEqualTo("direct");
            List<String> chat = script.aliceChat();
            PeerProcess bob = script.bob();
            String aliceJid = lab.jid("alice");
            String bobJid = lab.jid("bob");
            try (TmuxTerminal alice = TmuxTerminal.start(chat, 120, 30, Map.of("TERM", "xterm-256color"))) {
                alice.awaitScreen(screen -> TmuxTerminal.lastLine(screen).equals("(/to JID, /help)>"),
                        "the first prompt");
                alice.type("/to " + bobJid);
                alice.press("Enter");
                alice.awaitScreen(screen -> TmuxTerminal.lastLine(screen).startsWith(bobJid + " ["),
                        "the prompt naming bob");

                alice.type("typed by a person");
                bob.awaitPrinted(line -> line.equals("typing " + aliceJid + " composing"), "alice typing", WAIT);
                alice.press("Enter");
                bob.awaitPrinted(line -> line.equals("message " + aliceJid + " server typed by a person"),
                        "the first message, through the server while the new session is set up", WAIT);
                alice.awaitScreen(screen -> screen.contains(bobJid + " is now direct"), "the route going direct");

                alice.type("and this goes direct");
                alice.press("Enter");
                bob.awaitPrinted(line -> line.equals("message " + aliceJid + " direct and this goes direct"),
                        "the message on the direct route", WAIT);
                alice.awaitScreen(screen -> screen.contains("✓ " + bobJid + " has: and this goes direct"),
                        "the receipt, from the direct channel's acknowledgement");
                alice.type("/quit");
                alice.press("Enter");
            }
        }
    }
}
