package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatEventTest {
    @ParameterizedTest
    @ValueSource(strings = {"plain", "two\nlines", "a\r\nwindows line", "back\\slash", "\\n is not a line break",
            "ends with a backslash\\", "\\\\\n\\"})
    void aTextPutOnOneLineComesBackAsItWas(String text) {
        String line = ChatEvent.escape(text);

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(ChatEvent.unescape(line)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@localhost", "message bob@localhost server hello"})
    void anEventLineShowsItsTextEscaped(String text) {
        ChatEvent event = ChatEvent.withText("message", text + "\nsecond line", "bob@localhost", "server");

        assertThat(event.toLine()).isEqualTo("message bob@localhost server " + text + "\\nsecond line");
    }
}
