package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ChatInputTest {
    @Test
    void plainLinesGoToTheSelectedContact() {
        assertThat(ChatInput.parse("  hello there ")).isEqualTo(new ChatInput.Send(Optional.empty(), "hello there"));
        assertThat(ChatInput.parse("   ")).isEqualTo(new ChatInput.Nothing());
    }

    @Test
    void commandsAreRecognised() {
        assertThat(ChatInput.parse("/to bob@localhost")).isEqualTo(new ChatInput.SelectContact("bob@localhost"));
        assertThat(ChatInput.parse("/msg bob@localhost hi  there")).isEqualTo(
                new ChatInput.Send(Optional.of("bob@localhost"), "hi  there"));
        assertThat(ChatInput.parse("/roster")).isEqualTo(new ChatInput.ListRoster());
        assertThat(ChatInput.parse("/nat")).isEqualTo(new ChatInput.DiscoverNat(Optional.empty()));
        assertThat(ChatInput.parse("/nat 127.0.0.1:3478")).isEqualTo(new ChatInput.DiscoverNat(Optional.of("127.0.0.1:3478")));
        assertThat(ChatInput.parse("/quit")).isEqualTo(new ChatInput.Quit());
    }

    @Test
    void mistakesSayWhatWasExpected() {
        assertThatThrownBy(() -> ChatInput.parse("/msg bob@localhost")).hasMessage("usage: /msg JID TEXT");
        assertThatThrownBy(() -> ChatInput.parse("/to")).hasMessage("usage: /to JID");
        assertThatThrownBy(() -> ChatInput.parse("/dance")).hasMessageContaining("unknown command /dance");
    }

    @Test
    void eventLinesEscapeTheirTextAndRefuseSpacesInFields() {
        assertThat(ChatEvent.withText("message", "two\nlines \\ and more", "bob@localhost", "server").toLine())
                .isEqualTo("message bob@localhost server two\\nlines \\\\ and more");
        assertThat(ChatEvent.of("online", "bob@localhost").toLine()).isEqualTo("online bob@localhost");
        assertThatThrownBy(() -> ChatEvent.of("contact", "has space")).isInstanceOf(IllegalArgumentException.class);
    }
}
