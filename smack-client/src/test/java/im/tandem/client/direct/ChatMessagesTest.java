package im.tandem.client.direct;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.hints.element.NoStoreHint;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The stanzas of a conversation, written and read back as a peer's client would parse them. */
class ChatMessagesTest {
    @Test
    void aChatMessageCarriesItsIdAsOriginIdAndAsksForAReceipt() throws Exception {
        Message sent = ChatMessages.chat(JidCreate.entityBareFrom("bob@example.org"), "hi <there> & you");

        Message parsed = PacketParserUtils.parseStanza(sent.toXML().toString());

        assertThat(parsed.getBody()).isEqualTo("hi <there> & you");
        assertThat(parsed.getType()).isEqualTo(Message.Type.chat);
        assertThat(ChatMessages.originId(parsed)).contains(sent.getStanzaId());
        assertThat(ChatMessages.wantsReceipt(parsed)).isTrue();
        assertThat(ChatMessages.acknowledged(parsed)).isEmpty();
    }

    @Test
    void eachChatMessageHasAFreshId() throws Exception {
        var bob = JidCreate.entityBareFrom("bob@example.org");

        assertThat(ChatMessages.chat(bob, "a").getStanzaId()).isNotEqualTo(ChatMessages.chat(bob, "a").getStanzaId());
    }

    @Test
    void aReceiptNamesTheMessageAndIsNeverStoredOffline() throws Exception {
        Message receipt = ChatMessages.receipt(JidCreate.from("alice@example.org/tandem"), "id-42");

        Message parsed = PacketParserUtils.parseStanza(receipt.toXML().toString());

        assertThat(ChatMessages.acknowledged(parsed)).contains("id-42");
        assertThat(parsed.getBody()).isNull();
        assertThat(NoStoreHint.hasHint(parsed)).isTrue();
        assertThat(ChatMessages.wantsReceipt(parsed)).isFalse();
    }
}
