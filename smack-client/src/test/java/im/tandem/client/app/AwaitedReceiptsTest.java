package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.chat.Receipt;

/** Each receipt shown once, after its message's sent line, and only for messages sent to whoever sends it. */
class AwaitedReceiptsTest {
    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@localhost");
    private static final EntityBareJid EVE = JidCreate.entityBareFromOrThrowUnchecked("eve@localhost");

    private final AwaitedReceipts receipts = new AwaitedReceipts();

    @Test
    void aReceiptAfterTheSentLineIsShownOnceWithTheMessagesText() {
        receipts.sending("id-1", BOB, "hello");
        assertThat(receipts.shown("id-1")).isEmpty();

        assertThat(receipts.received(new Receipt(BOB, "id-1"))).contains(new AwaitedReceipts.Message(BOB, "hello"));
        assertThat(receipts.received(new Receipt(BOB, "id-1"))).as("the receipt of a re-sent copy").isEmpty();
    }

    @Test
    void aReceiptBeforeTheSentLineWaitsForIt() {
        receipts.sending("id-2", BOB, "quick");

        assertThat(receipts.received(new Receipt(BOB, "id-2"))).isEmpty();
        assertThat(receipts.shown("id-2")).contains(new AwaitedReceipts.Message(BOB, "quick"));
    }

    @Test
    void aReceiptFromSomeoneElseOrForAnUnknownMessageIsIgnored() {
        receipts.sending("id-3", BOB, "for bob");
        receipts.shown("id-3");

        assertThat(receipts.received(new Receipt(EVE, "id-3"))).isEmpty();
        assertThat(receipts.received(new Receipt(BOB, "never-sent"))).isEmpty();
        assertThat(receipts.received(new Receipt(BOB, "id-3"))).isPresent();
    }

    @Test
    void beyondTheCapacityTheOldestIsForgotten() {
        for (int i = 0; i <= AwaitedReceipts.CAPACITY; i++) {
            receipts.sending("id-" + i, BOB, "message " + i);
            receipts.shown("id-" + i);
        }

        assertThat(receipts.received(new Receipt(BOB, "id-0"))).isEmpty();
        assertThat(receipts.received(new Receipt(BOB, "id-1"))).isPresent();
    }
}
