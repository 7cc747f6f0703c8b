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

    /** Well above the parser's read-ahead, so that what it measures is the stanza. */
    private static final int MAX_STANZA_BYTES = 64 * 1024;

    private final StanzaStream atAlice = new StanzaStream(BOB, MAX_STANZA_BYTES);
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
    void aStanzaLargerThanTheCapEndsTheReadingAfterTheStanzasBeforeIt() {
        String fromBob = StanzaStream.header(BOB, ALICE) + StanzaStream.toXml(ChatMessages.chat(ALICE, "small"))
                + StanzaStream.toXml(ChatMessages.chat(ALICE, "x".repeat(4 * MAX_STANZA_BYTES)))
                + StanzaStream.toXml(ChatMessages.chat(ALICE, "after")) + StanzaStream.END;

        assertThatThrownBy(() -> atAlice.read(input(fromBob), received::add))
                .isInstanceOf(StanzaTooLargeException.class)
                .hasMessage("the peer sent a stanza of more than " + MAX_STANZA_BYTES + " bytes (maxStanzaBytes)");
        assertThat(received).extracting(Message::getBody).containsExactly("small");
    }

    @Test
    void theCapIsPerStanzaNotPerStream() throws Exception {
        StringBuilder fromBob = new StringBuilder(StanzaStream.header(BOB, ALICE));
        for (int i = 0; i < 200; i++) { // three times the cap in all
            fromBob.append(StanzaStream.toXml(ChatMessages.chat(ALICE, i + " " + "y".repeat(1000))));
        }
        fromBob.append(StanzaStream.END);

        atAlice.read(input(fromBob.toString()), received::add);

        assertThat(received).hasSize(200);
    }

    @Test
    void aStreamErrorFromThePeerEndsTheReadingWithItsConditionAndText() {
        String fromBob = StanzaStream.header(BOB, ALICE) + StanzaStream.policyViolation("a stanza of more than 9 bytes");

        assertThatThrownBy(() -> atAlice.read(input(fromBob), received::add)).isInstanceOf(IOException.class)
                .hasMessage("the peer ended the stream with the error policy-violation: a stanza of more than 9 bytes");
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
