package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.jivesoftware.smack.packet.Presence;
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
    void buddyListCommandsTakeTheRestOfTheLineAsTheName() {
        assertThat(ChatInput.parse("/add bob@localhost Bob from work")).isEqualTo(
                new ChatInput.AddContact("bob@localhost", Optional.of("Bob from work")));
        assertThat(ChatInput.parse("/add bob@localhost")).isEqualTo(
                new ChatInput.AddContact("bob@localhost", Optional.empty()));
        assertThat(ChatInput.parse("/remove bob@localhost")).isEqualTo(new ChatInput.RemoveContact("bob@localhost"));
        assertThat(ChatInput.parse("/accept bob@localhost")).isEqualTo(new ChatInput.AnswerRequest("bob@localhost", true));
        assertThat(ChatInput.parse("/deny bob@localhost")).isEqualTo(new ChatInput.AnswerRequest("bob@localhost", false));
        assertThat(ChatInput.parse("/requests")).isEqualTo(new ChatInput.ListRequests());
        assertThat(ChatInput.parse("/rename bob@localhost Bobby T.")).isEqualTo(
                new ChatInput.RenameContact("bob@localhost", "Bobby T."));
        assertThatThrownBy(() -> ChatInput.parse("/rename bob@localhost")).hasMessage("usage: /rename JID NAME");
    }

    @Test
    void statusTakesTheFivePresencesAndAnOptionalText() {
        assertThat(ChatInput.parse("/status dnd in a meeting")).isEqualTo(
                new ChatInput.SetStatus(Presence.Mode.dnd, "in a meeting"));
        assertThat(ChatInput.parse("/status available")).isEqualTo(
                new ChatInput.SetStatus(Presence.Mode.available, ""));
        assertThat(ChatInput.parse("/status xa")).isEqualTo(new ChatInput.SetStatus(Presence.Mode.xa, ""));
        assertThatThrownBy(() -> ChatInput.parse("/status offline")).hasMessage(
                "'offline' is not a presence; usage: /status available|chat|away|xa|dnd [TEXT]");
        assertThatThrownBy(() -> ChatInput.parse("/status")).hasMessage(
                "usage: /status available|chat|away|xa|dnd [TEXT]");
    }

    @Test
    void typingTakesAContactAndOneOfTheFiveChatStates() {
        assertThat(ChatInput.parse("/typing bob@localhost composing")).isEqualTo(
                new ChatInput.SendChatState("bob@localhost", org.jivesoftware.smackx.chatstates.ChatState.composing));
        assertThat(ChatInput.parse("/typing bob@localhost gone")).isEqualTo(
                new ChatInput.SendChatState("bob@localhost", org.jivesoftware.smackx.chatstates.ChatState.gone));
        assertThatThrownBy(() -> ChatInput.parse("/typing bob@localhost dancing"))
                .hasMessage("'dancing' is not a chat state; usage: " + ChatInput.TYPING_USAGE);
        assertThatThrownBy(() -> ChatInput.parse("/typing bob@localhost"))
                .hasMessage("usage: " + ChatInput.TYPING_USAGE);
    }

    @Test
    void historyTakesAnOptionalCountWithinItsLimit() {
        assertThat(ChatInput.parse("/history bob@localhost")).isEqualTo(
                new ChatInput.ShowHistory("bob@localhost", ChatHistory.DEFAULT_SHOWN));
        assertThat(ChatInput.parse("/history bob@localhost 5")).isEqualTo(new ChatInput.ShowHistory("bob@localhost", 5));
        assertThatThrownBy(() -> ChatInput.parse("/history bob@localhost 0")).hasMessage(
                "'0' is not a number of messages from 1 to 1000; usage: /history JID [N]");
        assertThatThrownBy(() -> ChatInput.parse("/history")).hasMessage("usage: /history JID [N]");
    }

    @Test
    void groupsAreOneFieldThatSurvivesCommasAndSpaces() {
        String field = ListField.encode(java.util.List.of("Work, old", "Family"));
        assertThat(field).isEqualTo("Work%2C%20old,Family");
        assertThat(ListField.decode(field)).containsExactly("Work, old", "Family");
        assertThat(ListField.encode(java.util.List.of())).isEqualTo("-");
        assertThat(ListField.decode("-")).isEmpty();
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
