package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
