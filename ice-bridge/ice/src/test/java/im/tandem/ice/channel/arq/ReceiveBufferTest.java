package im.tandem.ice.channel.arq;

import static im.tandem.ice.channel.arq.ReceiveBuffer.Outcome.DUPLICATE;
import static im.tandem.ice.channel.arq.ReceiveBuffer.Outcome.IN_ORDER;
import static im.tandem.ice.channel.arq.ReceiveBuffer.Outcome.NO_ROOM;
import static im.tandem.ice.channel.arq.ReceiveBuffer.Outcome.OUT_OF_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiveBufferTest {

    private static final byte[] NO_BYTES = new byte[0];
    /** A window of four full segments, as {@link #WINDOW_SEGMENT} bytes each. */
    private static final int WINDOW = 4096;
    private static final int WINDOW_SEGMENT = 1024;
    /** The window plus the overhead of its four full segments and one partial one. */
    private static final long MEMORY_BUDGET = WINDOW + 5L * ReceiveBuffer.SEGMENT_OVERHEAD_BYTES;
    /** What a one-byte segment costs. */
    private static final long TINY_SEGMENT_MEMORY = 1 + ReceiveBuffer.SEGMENT_OVERHEAD_BYTES;

    private final ReceiveBuffer buffer = new ReceiveBuffer(100, 10);

    @Test
    void inOrderSegmentsAreReadAsOneStream() {
        assertThat(buffer.accept(0, bytes("ab"), false)).isEqualTo(IN_ORDER);
        assertThat(buffer.accept(1, bytes("cde"), false)).isEqualTo(IN_ORDER);

        assertThat(buffer.nextExpectedSeq()).isEqualTo(2);
        assertThat(readAll(buffer)).isEqualTo("abcde");
        assertThat(buffer.hasReadable()).isFalse();
    }

    @Test
    void readsMayEndAndStartInsideSegments() {
        buffer.accept(0, bytes("abc"), false);
        buffer.accept(1, bytes("def"), false);
        byte[] target = new byte[4];

        assertThat(buffer.read(target, 0, 2)).isEqualTo(2);
        assertThat(buffer.read(target, 2, 2)).isEqualTo(2);
        assertThat(new String(target, StandardCharsets.US_ASCII)).isEqualTo("abcd");
        assertThat(readAll(buffer)).isEqualTo("ef");
        assertThat(buffer.read(target, 0, 4)).as("nothing ready").isZero();
    }

    @Test
    void aSegmentAfterAHoleWaitsForTheHoleToBeFilled() {
        assertThat(buffer.accept(1, bytes("cd"), false)).isEqualTo(OUT_OF_ORDER);
        assertThat(buffer.accept(2, bytes("ef"), false)).isEqualTo(OUT_OF_ORDER);
        assertThat(buffer.hasReadable()).isFalse();
        assertThat(buffer.hasGaps()).isTrue();
        assertThat(buffer.nextExpectedSeq()).isZero();

        assertThat(buffer.accept(0, bytes("ab"), false)).isEqualTo(IN_ORDER);

        assertThat(buffer.hasGaps()).isFalse();
        assertThat(buffer.nextExpectedSeq()).isEqualTo(3);
        assertThat(readAll(buffer)).isEqualTo("abcdef");
    }

    @Test
    void aSegmentAlreadyHeldOrReadIsADuplicateAndIgnored() {
        buffer.accept(0, bytes("ab"), false);
        buffer.accept(2, bytes("ef"), false);

        assertThat(buffer.accept(0, bytes("XX"), false)).isEqualTo(DUPLICATE);
        assertThat(buffer.accept(2, bytes("YY"), false)).isEqualTo(DUPLICATE);
        buffer.accept(1, bytes("cd"), false);
        assertThat(readAll(buffer)).isEqualTo("abcdef");
        assertThat(buffer.accept(1, bytes("ZZ"), false)).as("read already").isEqualTo(DUPLICATE);
        assertThat(buffer.hasReadable()).isFalse();
        assertThat(buffer.freeBytes()).isEqualTo(100);
    }

    @Test
    void theEndIsReachedOnceEverythingBeforeItIsRead() {
        buffer.accept(0, bytes("ab"), false);
        assertThat(buffer.accept(1, NO_BYTES, true)).isEqualTo(IN_ORDER);

        assertThat(buffer.atEnd()).as("unread bytes before the end").isFalse();
        assertThat(readAll(buffer)).isEqualTo("ab");
        assertThat(buffer.atEnd()).isTrue();
    }

    @Test
    void anEndArrivingEarlyWaitsForTheBytesBeforeIt() {
        assertThat(buffer.accept(2, NO_BYTES, true)).isEqualTo(OUT_OF_ORDER);
        buffer.accept(1, bytes("cd"), false);
        assertThat(buffer.atEnd()).isFalse();

        buffer.accept(0, bytes("ab"), false);

        assertThat(readAll(buffer)).isEqualTo("abcd");
        assertThat(buffer.atEnd()).isTrue();
    }

    @Test
    void nothingAtOrBeyondTheEndIsTaken() {
        buffer.accept(0, NO_BYTES, true);

        assertThat(buffer.accept(0, NO_BYTES, true)).isEqualTo(DUPLICATE);
        assertThat(buffer.accept(1, bytes("late"), false)).isEqualTo(DUPLICATE);
        assertThat(buffer.hasReadable()).isFalse();
        assertThat(buffer.atEnd()).isTrue();
    }

    @Test
    void outOfOrderSegmentsMustFitTheFreeSpace() {
        ReceiveBuffer small = new ReceiveBuffer(4, 2);
        assertThat(small.accept(1, bytes("abc"), false)).isEqualTo(OUT_OF_ORDER);
        assertThat(small.freeBytes()).isEqualTo(1);

        assertThat(small.accept(2, bytes("de"), false)).isEqualTo(NO_ROOM);
        assertThat(small.sackRanges(16)).containsExactly(1, 2);
    }

    @Test
    void theNextInOrderSegmentIsTakenWhileUnreadBytesLeaveRoomSoHeldSegmentsCanBeReleased() {
        ReceiveBuffer small = new ReceiveBuffer(4, 2);
        small.accept(1, bytes("def"), false);

        assertThat(small.accept(0, bytes("abc"), false)).as("although 3 + 3 > 4").isEqualTo(IN_ORDER);
        assertThat(small.freeBytes()).isZero();
        assertThat(small.accept(2, bytes("g"), false)).as("unread bytes fill the buffer").isEqualTo(NO_ROOM);

        assertThat(readAll(small)).isEqualTo("abcdef");
        assertThat(small.accept(2, bytes("g"), false)).isEqualTo(IN_ORDER);
    }

    @Test
    void freeSpaceCountsUnreadAndHeldBytes() {
        buffer.accept(0, bytes("0123456789"), false);
        buffer.accept(2, bytes("01234"), false);

        assertThat(buffer.freeBytes()).isEqualTo(85);
        buffer.read(new byte[10], 0, 10);
        assertThat(buffer.freeBytes()).isEqualTo(95);
        assertThat(buffer.capacityBytes()).isEqualTo(100);
    }

    @Test
    void selectiveAcksDescribeHeldRunsLowestFirstUpToTheLimit() {
        for (long seq : new long[] {2, 3, 4, 6, 9, 10}) {
            buffer.accept(seq, bytes("x"), false);
        }

        assertThat(buffer.sackRanges(16)).containsExactly(2, 5, 6, 7, 9, 11);
        assertThat(buffer.sackRanges(2)).containsExactly(2, 5, 6, 7);
        assertThat(new ReceiveBuffer(100, 10).sackRanges(16)).isEmpty();
    }

    @Test
    void tinyOutOfOrderSegmentsCountWithTheirOverheadAndThoseBeyondTheMemoryBudgetAreRefused() {
        ReceiveBuffer window = new ReceiveBuffer(WINDOW, WINDOW_SEGMENT);
        int held = 0;
        int refused = 0;
        for (long seq = 1; seq <= WINDOW; seq++) { // the payload alone would fit them all
            ReceiveBuffer.Outcome outcome = window.accept(seq, new byte[] {(byte) seq}, false);
            held += outcome == OUT_OF_ORDER ? 1 : 0;
            refused += outcome == NO_ROOM ? 1 : 0;
        }

        assertThat(held).isEqualTo((int) (MEMORY_BUDGET / TINY_SEGMENT_MEMORY));
        assertThat(refused).isEqualTo(WINDOW - held);
        assertThat(window.sackRanges(16)).as("the sender learns what was kept").containsExactly(1, held + 1);
        assertThat(window.freeBytes()).as("the window closes on memory").isLessThan(TINY_SEGMENT_MEMORY);
    }

    @Test
    void tinyInOrderSegmentsNobodyReadsAreBoundedByTheMemoryBudgetToo() {
        ReceiveBuffer window = new ReceiveBuffer(WINDOW, WINDOW_SEGMENT);
        int taken = 0;
        for (long seq = 0; seq < WINDOW && window.accept(seq, new byte[] {(byte) seq}, false) == IN_ORDER; seq++) {
            taken++;
        }

        // Taken while the unread ones still leave memory, so the last may go one segment over.
        assertThat(taken).isEqualTo((int) (MEMORY_BUDGET / TINY_SEGMENT_MEMORY) + 1);
        assertThat(window.freeBytes()).isZero();
    }

    @Test
    void fullSegmentsStillFillTheWholeWindow() {
        ReceiveBuffer window = new ReceiveBuffer(WINDOW, WINDOW_SEGMENT);
        for (long seq = 1; seq <= WINDOW / WINDOW_SEGMENT; seq++) {
            assertThat(window.accept(seq, new byte[WINDOW_SEGMENT], false)).isEqualTo(OUT_OF_ORDER);
        }

        assertThat(window.freeBytes()).isZero();
        assertThat(window.accept(0, new byte[WINDOW_SEGMENT], false)).isEqualTo(IN_ORDER);
        assertThat(window.nextExpectedSeq()).isEqualTo(5);
    }

    @Test
    void tinySegmentsRefusedOverTheBudgetAreTakenWhenResentAndTheStreamArrivesWholeAndInOrder() {
        ReceiveBuffer window = new ReceiveBuffer(WINDOW, WINDOW_SEGMENT);
        int count = 2000;
        List<Long> toResend = new ArrayList<>();
        for (long seq = 1; seq < count; seq++) {
            if (window.accept(seq, new byte[] {(byte) seq}, false) == NO_ROOM) {
                toResend.add(seq);
            }
        }
        assertThat(toResend).isNotEmpty();
        window.accept(0, new byte[] {0}, false);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        received.writeBytes(readAllBytes(window));
        for (int round = 0; !toResend.isEmpty(); round++) { // the sender resends, in order, what was not acked
            assertThat(round).as("each round delivers some").isLessThan(count);
            List<Long> again = new ArrayList<>();
            for (long seq : toResend) {
                if (window.accept(seq, new byte[] {(byte) seq}, false) == NO_ROOM) {
                    again.add(seq);
                }
            }
            received.writeBytes(readAllBytes(window));
            toResend = again;
        }

        byte[] expected = new byte[count];
        for (int seq = 0; seq < count; seq++) {
            expected[seq] = (byte) seq;
        }
        assertThat(received.toByteArray()).isEqualTo(expected);
        assertThat(window.freeBytes()).isEqualTo(WINDOW);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String readAll(ReceiveBuffer buffer) {
        return new String(readAllBytes(buffer), StandardCharsets.US_ASCII);
    }

    private static byte[] readAllBytes(ReceiveBuffer buffer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[3];
        for (int n; (n = buffer.read(chunk, 0, chunk.length)) > 0; ) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
