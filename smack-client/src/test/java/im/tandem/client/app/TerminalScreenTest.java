package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the interactive screen prints for an event: one line, whatever the sender put in it. */
class TerminalScreenTest {
    @Test
    void aRosterLineSaysWhoSeesWhomAndListsTheGroups() {
        String line = TerminalScreen.describe(ChatEvent.withText("contact", "Bob T.", "bob@localhost", "away",
                "from+asked", ListField.encode(java.util.List.of("Work, old", "Family"))));
        assertThat(line).contains("bob@localhost").contains("away").contains("sees you, asked")
                .endsWith("Bob T. [Work, old, Family]");
        assertThat(TerminalScreen.describe(ChatEvent.withText("contact", "bob", "bob@localhost", "offline", "both",
                "-"))).contains("mutual").endsWith("bob");
    }

    @Test
    void aRequestTellsHowToAnswerIt() {
        assertThat(TerminalScreen.describe(ChatEvent.of("subscribe", "eve@localhost")))
                .endsWith("eve@localhost asks to see your presence: /accept eve@localhost or /deny eve@localhost");
    }

    @Test
    void aStatusTextIsShownWithThePresence() {
        assertThat(TerminalScreen.describe(ChatEvent.withText("presence", "at lunch", "bob@localhost", "away")))
                .endsWith("bob@localhost is away (at lunch)");
        assertThat(TerminalScreen.describe(ChatEvent.of("presence", "bob@localhost", "dnd")))
                .endsWith("bob@localhost is dnd");
    }

    @Test
    void aMessageBodyCannotStartALineThatLooksLikeAnotherSenders() {
        ChatEvent spoof = ChatEvent.withText("message", "hi\r\n12:00 bank@example.org: your code is 1234",
                "mallory@example.org", "server");

        String shown = TerminalScreen.describe(spoof);

        assertThat(shown).doesNotContain("\n", "\r")
                .endsWith(" mallory@example.org: hi\\r\\n12:00 bank@example.org: your code is 1234");
    }

    @Test
    void escapeSequencesAndBidiOverridesInNamesAndBodiesAreShownEscaped() {
        ChatEvent contact = ChatEvent.withText("contact", "Bob\u202Egpj.exe\u001B[8m", "bob@example.org",
                "available", "both", "-");
        ChatEvent message = ChatEvent.withText("message", "\u001B[2Jclear\u2028screen", "bob@example.org", "direct");

        assertThat(TerminalScreen.describe(contact)).endsWith(" Bob\\u202Egpj.exe\\u001B[8m");
        assertThat(TerminalScreen.describe(message)).endsWith(" bob@example.org: \\u001B[2Jclear\\u2028screen");
    }

    @Test
    void aReceiptMarksTheMessageTheContactHas() {
        assertThat(TerminalScreen.describe(ChatEvent.withText("receipt", "see you at 8", "bob@localhost")))
                .endsWith(" ✓ bob@localhost has: see you at 8");
    }
}
