package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smackx.chatstates.ChatState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** The chat states the user's typing at the terminal turns into: one per change, never one per key. */
class TypingNotifierTest {
    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@localhost");
    private static final EntityBareJid CAROL = JidCreate.entityBareFromOrThrowUnchecked("carol@localhost");
    private static final Duration PAUSE = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<String> told = new LinkedBlockingQueue<>();
    private final TypingNotifier typing = new TypingNotifier((to, state) -> told.add(to + " " + state), PAUSE);

    @AfterEach
    void close() {
        typing.close();
    }

    @Test
    void typingSaysComposingOnceThenPausedAfterTheIdleTime() throws Exception {
        typing.edited(Optional.of(BOB), "h");
        typing.edited(Optional.of(BOB), "he");
        typing.edited(Optional.of(BOB), "hel");

        assertThat(next()).isEqualTo("bob@localhost composing");
        assertThat(next()).isEqualTo("bob@localhost paused");
        assertThat(told.poll(PAUSE.toMillis() * 2, TimeUnit.MILLISECONDS)).as("nothing more").isNull();

        typing.edited(Optional.of(BOB), "hell");
        assertThat(next()).isEqualTo("bob@localhost composing");
    }

    @Test
    void aMessageSentEndsComposingWithoutANotificationOfItsOwn() throws Exception {
        typing.edited(Optional.of(BOB), "hi");
        assertThat(next()).isEqualTo("bob@localhost composing");

        typing.messageSent(BOB);

        assertThat(told.poll(PAUSE.toMillis() * 3, TimeUnit.MILLISECONDS)).as("no paused after the message").isNull();
    }

    @Test
    void erasingTheTextOrTypingACommandSaysActive() throws Exception {
        typing.edited(Optional.of(BOB), "hi");
        assertThat(next()).isEqualTo("bob@localhost composing");

        typing.edited(Optional.of(BOB), "");
        assertThat(next()).isEqualTo("bob@localhost active");

        typing.edited(Optional.of(BOB), "/");
        typing.edited(Optional.of(BOB), "/ro");
        assertThat(told.poll(PAUSE.toMillis() * 2, TimeUnit.MILLISECONDS)).as("a command is not typing").isNull();
    }

    @Test
    void turningToAnotherContactSaysInactiveToTheFirst() throws Exception {
        typing.edited(Optional.of(BOB), "hi");
        assertThat(next()).isEqualTo("bob@localhost composing");

        typing.turnedAway(BOB);
        typing.edited(Optional.of(CAROL), "x");

        assertThat(List.of(next(), next())).containsExactly("bob@localhost inactive", "carol@localhost composing");
    }

    @Test
    void withNobodyChosenNothingIsTold() throws Exception {
        typing.edited(Optional.empty(), "hello");

        assertThat(told.poll(PAUSE.toMillis() * 2, TimeUnit.MILLISECONDS)).isNull();
    }

    private String next() throws InterruptedException {
        String state = told.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(state).as("a chat state within %s", WAIT).isNotNull();
        return state;
    }
}
