package im.tandem.client.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.time.ManualScheduler;

/** Conversations are kept for contacts and for whom the user wrote to, never for strangers, however many write. */
class KeptConversationsTest {
    private static final FullJid ALICE = JidCreate.fullFromOrThrowUnchecked("alice@example.org/tandem");
    private static final EntityBareJid BOB = bare("bob@example.org");
    private static final EntityBareJid CAROL = bare("carol@example.org");

    private final Set<EntityBareJid> contacts = new HashSet<>(Set.of(BOB));
    private final List<IncomingMessage> shown = new ArrayList<>();
    private final ManualScheduler clock = new ManualScheduler();
    private final KeptConversations conversations = new KeptConversations(contacts::contains,
            peer -> new Conversation(peer, new Conversation.Context(() -> ALICE, message -> { }, Optional.empty(),
                    clock, shown::add, change -> { }, contact -> false)));

    @Test
    void strangersWritingInTheirThousandsAreShownButNotKept() {
        for (int i = 0; i < 10_000; i++) {
            EntityBareJid stranger = bare("stranger" + i + "@example.net");
            conversations.forPeer(stranger).receivedThroughServer(chat(stranger, "hello " + i));
        }

        assertThat(shown).hasSize(10_000);
        assertThat(shown.get(9_999).body()).isEqualTo("hello 9999");
        assertThat(conversations.all()).isEmpty();
        assertThat(conversations.find(bare("stranger0@example.net"))).isEmpty();
    }

    @Test
    void aContactsConversationIsKeptFromItsFirstMessage() {
        Conversation first = conversations.forPeer(BOB);

        assertThat(conversations.forPeer(BOB)).isSameAs(first);
        assertThat(conversations.find(BOB)).containsSame(first);
        assertThat(conversations.all()).containsExactly(first);
    }

    @Test
    void someoneTheUserWroteToIsKeptThoughNotAContact() {
        Conversation mine = conversations.forUser(CAROL);

        assertThat(conversations.forPeer(CAROL)).isSameAs(mine);
        assertThat(conversations.forUser(CAROL)).isSameAs(mine);
        assertThat(conversations.all()).containsExactly(mine);
    }

    @Test
    void aStrangerIsKeptOnceItBecomesAContact() {
        Conversation passing = conversations.forPeer(CAROL);
        contacts.add(CAROL);

        Conversation kept = conversations.forPeer(CAROL);

        assertThat(kept).isNotSameAs(passing);
        assertThat(conversations.forPeer(CAROL)).isSameAs(kept);
    }

    private static Message chat(EntityBareJid from, String body) {
        return StanzaBuilder.buildMessage().from(from).to(ALICE).ofType(Message.Type.chat).setBody(body).build();
    }

    private static EntityBareJid bare(String jid) {
        return JidCreate.entityBareFromOrThrowUnchecked(jid);
    }
}
