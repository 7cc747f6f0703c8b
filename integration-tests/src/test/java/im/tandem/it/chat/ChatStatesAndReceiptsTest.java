package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Typing notifications (XEP-0085) and receipts (XEP-0184) between chat programs in line mode, through a real
 * Openfire; and the rule that a contact whose client does not take chat states is sent none until it sends one.
 */
@Tag("server")
class ChatStatesAndReceiptsTest {
    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw").build());

    @TempDir
    static Path work;

    @BeforeAll
    static void contacts() {
        OPENFIRE.server().befriend("alice", "bob");
        OPENFIRE.server().befriend("alice", "carol");
    }

    @Test
    void typingReachesTheContactAndAMessageComesBackWithItsReceipt() throws Exception {
        try (ChatProgram bob = ChatProgram.start(OPENFIRE.server(), "bob", "bob-pw", work);
             ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
            bob.await("connected ");
            alice.awaitSeen("presence bob@localhost available");

            alice.type("/typing bob@localhost composing");
            assertThat(bob.await("typing ")).isEqualTo("typing alice@localhost composing");
            alice.type("/typing bob@localhost paused");
            assertThat(bob.await("typing ")).isEqualTo("typing alice@localhost paused");

            alice.type("/msg bob@localhost did you get this?");
            assertThat(alice.await("sent ")).isEqualTo("sent bob@localhost server did you get this?");
            assertThat(bob.await("message ")).isEqualTo("message alice@localhost server did you get this?");
            assertThat(alice.await("receipt ")).isEqualTo("receipt bob@localhost did you get this?");

            bob.type("/msg alice@localhost yes");
            assertThat(bob.await("sent ")).isEqualTo("sent alice@localhost server yes");
            assertThat(bob.await("receipt ")).isEqualTo("receipt alice@localhost yes");
        }
    }

    @Test
    void aClientThatDoesNotTakeChatStatesIsSentNoneUntilItSendsOne() throws Exception {
        XMPPTCPConnection carol = plainClient("carol");
        BlockingQueue<String> statesAtCarol = new LinkedBlockingQueue<>();
        carol.addAsyncStanzaListener(stanza -> statesAtCarol.add(((ChatStateExtension) stanza.getExtension(
                ChatStateExtension.NAMESPACE)).getChatState().name()),
                new StanzaExtensionFilter(ChatStateExtension.NAMESPACE));
        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work)) {
            alice.awaitSeen("presence carol@localhost available");

            alice.type("/typing carol@localhost composing");
            assertThat(alice.await("info ")).isEqualTo("info carol@localhost does not take typing notifications"
                    + " (XEP-0085): nothing sent");

            carol.sendStanza(MessageBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(JidCreate.entityBareFrom("alice@localhost"))
                    .addExtension(new ChatStateExtension(ChatState.composing)).build());
            assertThat(alice.await("typing ")).isEqualTo("typing carol@localhost composing");

            alice.type("/typing carol@localhost paused");
            assertThat(statesAtCarol.poll(20, TimeUnit.SECONDS)).as("the only state carol is sent")
                    .isEqualTo("paused");
        } finally {
            carol.disconnect();
        }
    }

    /** A Smack client with none of our features: it advertises no chat states. */
    private static XMPPTCPConnection plainClient(String user) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(OPENFIRE.server().domain())
                .setHost(OPENFIRE.server().host())
                .setPort(OPENFIRE.server().clientPort())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setUsernameAndPassword(user, OPENFIRE.passwordOf(user))
                .setResource("plain")
                .build());
        connection.connect().login();
        return connection;
    }
}
