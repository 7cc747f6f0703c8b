package im.tandem.client.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.jivesoftware.smackx.chatstates.ChatState;
import org.jxmpp.jid.EntityBareJid;

/**
 * Turns what the user does at the terminal into chat states for the contact plain lines go to (XEP-0085):
 * {@code composing} at the first keystroke of a message, {@code paused} after {@link #PAUSED_AFTER} without one,
 * {@code active} when the text is erased or a command is entered instead (a message sent carries {@code active}
 * itself), and {@code inactive} to the contact the user turns away from with {@code /to}. Each state is sent once
 * per change, never once per key. Sending happens on a thread of its own, as it may ask the contact's client
 * whether it takes chat states, and the keys must not wait for that.
 */
final class TypingNotifier implements AutoCloseable {
    /**
     * How long without a keystroke means the user stopped typing. XEP-0085 leaves it open; a few seconds keeps
     * "typing" from lingering on the contact's screen after the user looked away.
     */
    static final Duration PAUSED_AFTER = Duration.ofSeconds(5);

    private final BiConsumer<EntityBareJid, ChatState> send;
    private final Duration pausedAfter;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread sender = new Thread(runnable, "chat-states");
        sender.setDaemon(true);
        return sender;
    });
    /** The contact told of our typing, and what they were told last. */
    private EntityBareJid contact;
    private ChatState told;
    private ScheduledFuture<?> pause;

    /** {@code send} tells a contact a state, if it takes them; it is called on this notifier's own thread. */
    TypingNotifier(BiConsumer<EntityBareJid, ChatState> send, Duration pausedAfter) {
        this.send = send;
        this.pausedAfter = pausedAfter;
    }

    /** The line being typed changed to {@code buffer}, with {@code selected} the contact plain lines go to. */
    synchronized void edited(Optional<EntityBareJid> selected, String buffer) {
        boolean writing = !buffer.isBlank() && !buffer.startsWith("/");
        if (!writing) {
            if (told == ChatState.composing || told == ChatState.paused) {
                tell(ChatState.active);
            }
            return;
        }
        if (selected.isEmpty()) {
            return;
        }
        if (!selected.get().equals(contact)) {
            contact = selected.get();
            told = null;
        }
        if (told != ChatState.composing) {
            tell(ChatState.composing);
        }
        cancelPause();
        pause = thread.schedule(this::pauseDue, pausedAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A message went to {@code to}: it carried {@code active} itself. */
    synchronized void messageSent(EntityBareJid to) {
        if (to.equals(contact)) {
            cancelPause();
            told = ChatState.active;
        }
    }

    /** The user turned from {@code previous} to another contact. */
    synchronized void turnedAway(EntityBareJid previous) {
        cancelPause();
        if (previous.equals(contact) && told != null) {
            tell(ChatState.inactive);
        }
    }

    @Override
    public synchronized void close() {
        thread.shutdownNow();
    }

    private synchronized void pauseDue() {
        if (told == ChatState.composing) {
            tell(ChatState.paused);
        }
    }

    private void tell(ChatState state) {
        told = state;
        if (state != ChatState.composing) {
            cancelPause();
        }
        EntityBareJid to = contact;
        if (to != null && !thread.isShutdown()) {
            thread.execute(() -> send.accept(to, state));
        }
    }

    private void cancelPause() {
        if (pause != null) {
            pause.cancel(false);
            pause = null;
        }
    }
}
