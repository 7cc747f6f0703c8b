package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.client.chat.Contact;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/** Our clients through a real Openfire with the plugin: chat, presence, offline storage, restarts. */
@Tag("server")
class ChatThroughServerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw")
            .user("dave", "dave-pw").user("erin", "erin-pw").build());

    @Test
    void twoClientsChatThroughTheServer() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice"); TandemClient bob = OPENFIRE.login("bob")) {
            BlockingQueue<IncomingMessage> bobInbox = inbox(bob);
            BlockingQueue<IncomingMessage> aliceInbox = inbox(alice);

            alice.send(bob.jid(), "hello bob");
            IncomingMessage atBob = next(bobInbox);
            assertThat(atBob.from().toString()).isEqualTo(alice.jid().toString());
            assertThat(atBob.body()).isEqualTo("hello bob");
            assertThat(atBob.delayedFrom()).isEmpty();

            bob.send(alice.jid(), "hi alice – ünïcödé ✓");
            assertThat(next(aliceInbox).body()).isEqualTo("hi alice – ünïcödé ✓");
        }
    }

    @Test
    void onLoginAClientSeesItsContactsPresence() throws Exception {
        OPENFIRE.server().befriend("carol", "erin");
        try (TandemClient erin = OPENFIRE.login("erin")) {
            BlockingQueue<Contact> seen = new LinkedBlockingQueue<>();
            try (TandemClient carol = TandemClient.connect(OPENFIRE.account("carol", "carol-pw").build(),
                    client -> client.onPresence(seen::add))) {
                Contact erinAsSeen = awaitAvailable(seen, erin.jid());
                assertThat(erinAsSeen.status()).isEqualTo("available");
                assertThat(carol.contacts()).extracting(Contact::jid).contains(erin.jid());
                assertThat(carol.contact(erin.jid()).available()).isTrue();
            }
        }
    }

    @Test
    void aMessageToAnOfflineUserArrivesAtNextLoginWithADelayStamp() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (TandemClient alice = OPENFIRE.login("alice")) {
            alice.send(jid("dave"), "while you were out");
        }
        BlockingQueue<IncomingMessage> daveInbox = new LinkedBlockingQueue<>();
        try (TandemClient dave = TandemClient.connect(OPENFIRE.account("dave", "dave-pw").build(),
                client -> client.onMessage(daveInbox::add))) {
            IncomingMessage stored = next(daveInbox);
            assertThat(stored.body()).isEqualTo("while you were out");
            assertThat(stored.from().toString()).isEqualTo(jid("alice").toString());
            assertThat(stored.delayedFrom()).hasValueSatisfying(stamp -> assertThat(stamp).isAfter(before));
        }
    }

    @Test
    void aRestartKeepsUsersAndStoredOfflineMessages() throws Exception {
        try (TandemClient bob = OPENFIRE.login("bob")) {
            bob.send(jid("erin"), "survives a restart");
        }
        OPENFIRE.server().restart();

        BlockingQueue<IncomingMessage> erinInbox = new LinkedBlockingQueue<>();
        try (TandemClient erin = TandemClient.connect(OPENFIRE.account("erin", "erin-pw").build(),
                client -> client.onMessage(erinInbox::add))) {
            IncomingMessage stored = next(erinInbox);
            assertThat(stored.body()).isEqualTo("survives a restart");
            assertThat(stored.delayedFrom()).isPresent();
        }
    }

    private static BlockingQueue<IncomingMessage> inbox(TandemClient client) {
        BlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
        client.onMessage(inbox::add);
        return inbox;
    }

    private static IncomingMessage next(BlockingQueue<IncomingMessage> inbox) throws InterruptedException {
        IncomingMessage message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("a message within %s", WAIT).isNotNull();
        return message;
    }

    private static Contact awaitAvailable(BlockingQueue<Contact> seen, EntityBareJid who) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Contact contact = seen.poll(100, TimeUnit.MILLISECONDS);
            if (contact != null && contact.jid().equals(who) && contact.available()) {
                return contact;
            }
        }
        throw new AssertionError(who + " was never seen available within " + WAIT);
    }

    private static EntityBareJid jid(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + OPENFIRE.server().domain());
    }
}
