package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChatCompleterTest {
    private final ChatCompleter completer = new ChatCompleter(() -> List.of("bob@localhost", "carol@localhost"));

    @Test
    void theFirstWordIsACommand() {
        assertThat(completer.candidates(0, List.of("/re"))).contains("/remove", "/rename", "/requests");
        assertThat(completer.candidates(0, List.of(""))).isEqualTo(ChatInput.COMMANDS);
        assertThat(completer.candidates(0, List.of("hello"))).isEmpty();
    }

    @Test
    void commandsThatTakeAJidFirstOfferTheContacts() {
        assertThat(completer.candidates(1, List.of("/to", "b"))).containsExactly("bob@localhost", "carol@localhost");
        assertThat(completer.candidates(1, List.of("/history", ""))).containsExactly("bob@localhost",
                "carol@localhost");
        assertThat(completer.candidates(2, List.of("/msg", "bob@localhost", "hi"))).isEmpty();
        assertThat(completer.candidates(1, List.of("/nat", ""))).isEmpty();
    }

    @Test
    void statusOffersThePresences() {
        assertThat(completer.candidates(1, List.of("/status", "a"))).containsExactly("available", "chat", "away",
                "xa", "dnd");
    }

    @Test
    void everyCompletedCommandIsOneTheProgramKnows() {
        for (String command : ChatInput.COMMANDS) {
            assertThatCode(() -> {
                try {
                    ChatInput.parse(command + " bob@localhost x");
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).as(command).doesNotContain("unknown command");
                }
            }).doesNotThrowAnyException();
        }
    }
}
