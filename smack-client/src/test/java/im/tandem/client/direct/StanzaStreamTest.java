package im.tandem.client.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

/** Our side of the XML stream as the peer reads it, and what the reader refuses. */
class StanzaStreamTest {
    private static final FullJid ALICE = JidCreate.fullFromOrThrowUnchecked("alice@example.org/tandem");
    private static final FullJid BOB = JidCreate.fullFromOrThrowUnchecked("bob@example.org/it's me");

    private final StanzaStream atAlice = new StanzaStream(BOB);
    private final List<Message> received = new ArrayList<>();

    @Test
    void whatOneSideWritesTheOtherReadsInOrderUntilTheStreamEnds() throws Exception {
        Message first = ChatMessages.chat(ALICE, "first <b>&</b>");
        Message receipt = ChatMessages.receipt(ALICE, first.getStanzaId());
        String fromBob = StanzaStream.header(BOB, ALICE) + StanzaStream.toXml(first) + StanzaStream.toXml(receipt)
                + StanzaStream.END;

        String ending = atAlice.read(input(fromBob), received::add);

        assertThat(ending).isEqualTo("the peer closed its stream");
        assertThat(received).hasSize(2);
        assertThat(received.get(0).getBody()).isEqualTo("first <b>&</b>");
        assertThat(ChatMessages.originId(received.get(0))).contains(first.getStanzaId());
        assertThat(ChatMessages.acknowledged(received.get(1))).contains(first.getStanzaId());
        assertThat(atAlice.dropped()).isZero();
    }

    @Test
    void stanzasOtherThanMessagesFromThePeerAreDroppedAndCounted() throws Exception {
        Message forged = StanzaBuilder.buildMessage("f").from(JidCreate.from("mallory@example.org/x")).to(ALICE)
                .setBody("trust me").build();
        Message honest = StanzaBuilder.buildMessage("h").from(BOB).to(ALICE).setBody("hi").build();
        String fromBob = StanzaStream.header(BOB, ALICE) + "<iq type='get' id='1'><query xmlns='jabber:iq:roster'/>"
                + "</iq>" + StanzaStream.toXml(forged) + StanzaStream.toXml(honest) + StanzaStream.END;

        atAlice.read(input(fromBob), received::add);

        assertThat(received).extracting(Message::getBody).containsExactly("hi");
        assertThat(atAlice.dropped()).isEqualTo(2);
    }

    @Test
    void aStreamFromSomeoneElseIsRefused() {
        String fromMallory = StanzaStream.header(JidCreate.fullFromOrThrowUnchecked("mallory@example.org/x"), ALICE)
                + StanzaStream.END;

        assertThatThrownBy(() -> atAlice.read(input(fromMallory), received::add))
                .isInstanceOf(IOException.class).hasMessageContaining("mallory@example.org/x");
    }

    @Test
    void aStreamThatStopsWithoutItsClosingTagIsBroken() {
        String cutShort = StanzaStream.header(BOB, ALICE) + StanzaStream.toXml(ChatMessages.chat(ALICE, "x"));

        assertThatThrownBy(() -> atAlice.read(input(cutShort), received::add)).isInstanceOf(IOException.class);
        assertThat(received).hasSize(1);
    }

    @Test
    void somethingOtherThanAStreamIsRefused() {
        assertThatThrownBy(() -> atAlice.read(input("<html><body/></html>"), received::add))
                .isInstanceOf(IOException.class).hasMessageContaining("stream:stream");
    }

    @Test
    void malformedXmlBreaksTheStream() {
        String garbage = StanzaStream.header(BOB, ALICE) + "<message><body>unclosed</message>";

        assertThatThrownBy(() -> atAlice.read(input(garbage), received::add)).isInstanceOf(IOException.class);
        assertThat(received).isEmpty();
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
