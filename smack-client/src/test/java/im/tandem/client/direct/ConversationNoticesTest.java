package im.tandem.client.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.hints.element.NoStoreHint;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.chat.ChatStateNotice;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.chat.Receipt;
import im.tandem.client.chat.Route;
import im.tandem.client.time.ManualScheduler;

/** What a conversation reports besides messages: receipts for the user's messages, and the contact's chat states. */
class ConversationNoticesTest {
    private static final FullJid ALICE = JidCreate.fullFromOrThrowUnchecked("alice@example.org/tandem");
    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@example.org");
    private static final FullJid BOB_RESOURCE = JidCreate.fullFromOrThrowUnchecked("bob@example.org/tandem");
    private static final DirectConfig CONFIG = DirectConfig.onInterfaces(List.of("eth0"));

    private final ManualScheduler clock = new ManualScheduler();
    private final List<Message> server = new ArrayList<>();
    private final List<IncomingMessage> shown = new ArrayList<>();
    private final List<Receipt> receipts = new ArrayList<>();
    private final List<ChatStateNotice> states = new ArrayList<>();
    private final FakeAttempts attempts = new FakeAttempts();
    private final Conversation conversation = new Conversation(BOB, new Conversation.Context(() -> ALICE,
            server::add, Optional.of(new Conversation.Direct(CONFIG, attempts)), clock, shown::add, change -> { },
            contact -> true, receipts::add, states::add));

    @Test
    void aMessageGoesWithTheIdItsReceiptWillNameAndSaysTheUserIsActive() throws Exception {
        conversation.send("hello", "id-1");

        Message sent = server.get(0);
        assertThat(sent.getStanzaId()).isEqualTo("id-1");
        assertThat(ChatMessages.originId(sent)).contains("id-1");
        assertThat(ChatMessages.chatState(sent)).contains(ChatState.active);
    }

    @Test
    void aReceiptThroughTheServerIsReportedWithTheIdOfTheMessage() throws Exception {
        conversation.send("hello", "id-1");

        conversation.receivedThroughServer(receipt("id-1"));

        assertThat(receipts).containsExactly(new Receipt(BOB, "id-1"));
    }

    @Test
    void theDirectChannelsAcknowledgementIsReportedAsAReceipt() throws Exception {
        FakeLink link = goDirect();
        assertThat(conversation.send("direct", "id-2")).isEqualTo(Route.DIRECT);

        conversation.received(link, receipt("id-2"));

        assertThat(receipts).contains(new Receipt(BOB, "id-2"));
    }

    @Test
    void aChatStateOnItsOwnIsReportedAndNotShownAsAMessage() {
        conversation.receivedThroughServer(state(ChatState.composing));

        assertThat(states).containsExactly(new ChatStateNotice(BOB, ChatState.composing));
        assertThat(shown).isEmpty();
        assertThat(conversation.peerUsesChatStates()).contains(true);
    }

    @Test
    void whetherTheContactTakesChatStatesFollowsItsLastMessage() {
        assertThat(conversation.peerUsesChatStates()).as("nothing received yet").isEmpty();

        conversation.receivedThroughServer(chat("plain client", "o-1", null));
        assertThat(conversation.peerUsesChatStates()).contains(false);

        conversation.receivedThroughServer(chat("now with states", "o-2", ChatState.active));
        assertThat(conversation.peerUsesChatStates()).contains(true);
        assertThat(states).as("a message's own state is not a separate notice").isEmpty();
    }

    @Test
    void aChatStateThroughTheServerIsNotStoredForLater() {
        conversation.sendChatState(ChatState.composing);

        Message notice = server.get(0);
        assertThat((Object) notice.getTo()).isEqualTo(BOB);
        assertThat(notice.getType()).isEqualTo(Message.Type.chat);
        assertThat(notice.getBody()).isNull();
        assertThat(ChatMessages.chatState(notice)).contains(ChatState.composing);
        assertThat(NoStoreHint.from(notice)).isNotNull();
    }

    @Test
    void aChatStateOnTheDirectLinkWaitsForNoAcknowledgementSoTheLinkStays() {
        FakeLink link = goDirect();

        conversation.sendChatState(ChatState.composing);
        clock.advance(CONFIG.ackTimeout().multipliedBy(2));

        assertThat(link.sent).singleElement().satisfies(notice -> {
            assertThat((Object) notice.getTo()).isEqualTo(BOB_RESOURCE);
            assertThat(ChatMessages.chatState(notice)).contains(ChatState.composing);
        });
        assertThat(link.closedBecause).as("the link is not ended for want of an acknowledgement").isNull();
        assertThat(conversation.route()).isEqualTo(Route.DIRECT);
        assertThat(server).isEmpty();
    }

    @Test
    void aChatStateOnTheDirectLinkIsReported() {
        FakeLink link = goDirect();

        conversation.received(link, state(ChatState.paused));

        assertThat(states).containsExactly(new ChatStateNotice(BOB, ChatState.paused));
        assertThat(link.sent).as("nothing is acknowledged for a notification").isEmpty();
    }

    /** Opens a link with nothing outstanding on the server, so the conversation goes direct at once. */
    private FakeLink goDirect() {
        try {
            conversation.send("warm-up", "warm-up");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        conversation.receivedThroughServer(receipt("warm-up"));
        server.clear();
        receipts.clear();
        FakeLink link = new FakeLink(BOB_RESOURCE);
        conversation.attemptSucceeded(attempts.last(), link);
        assertThat(conversation.route()).isEqualTo(Route.DIRECT);
        return link;
    }

    private static Message receipt(String id) {
        Message receipt = ChatMessages.receipt(ALICE, id);
        return StanzaBuilder.buildMessageFrom(receipt, receipt.getStanzaId()).from(BOB_RESOURCE).build();
    }

    private static Message state(ChatState state) {
        return StanzaBuilder.buildMessage().from(BOB_RESOURCE).to(ALICE).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(state)).build();
    }

    private static Message chat(String body, String originId, ChatState state) {
        var message = StanzaBuilder.buildMessage(originId).from(BOB_RESOURCE).to(ALICE).ofType(Message.Type.chat)
                .setBody(body).addExtension(new OriginIdElement(originId)).addExtension(new DeliveryReceiptRequest());
        if (state != null) {
            message.addExtension(new ChatStateExtension(state));
        }
        return message.build();
    }
}
