package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendBufferTest {

    private static final int SEGMENT = 100;
    private static final long CAPACITY = 1000;
    /** Windows so large they never decide anything. */
    private static final long OPEN = Long.MAX_VALUE / 2;
    private static final long[] NO_RANGES = new long[0];

    private final SendBuffer buffer = new SendBuffer(SEGMENT, CAPACITY);

    @Test
    void bytesAreCutIntoSegmentsAndSmallWritesShareOne() {
        buffer.queue(new byte[50], 0, 50);
        buffer.queue(new byte[30], 0, 30);
        buffer.queue(new byte[100], 0, 100);

        List<Segment> sent = sendAll();

        assertThat(sent).extracting(Segment::length).containsExactly(100, 80);
        assertThat(sent).extracting(segment -> segment.seq).containsExactly(0L, 1L);
    }

    @Test
    void queueTakesOnlyWhatFitsUntilAcknowledgementsFreeRoom() {
        assertThat(buffer.queue(new byte[1500], 0, 1500)).isEqualTo(1000);
        assertThat(buffer.hasRoom()).isFalse();
        sendAll();
        assertThat(buffer.hasRoom()).as("sent is not delivered").isFalse();

        buffer.onAck(2, NO_RANGES, 0);

        assertThat(buffer.bufferedBytes()).isEqualTo(800);
        assertThat(buffer.queue(new byte[500], 0, 500)).isEqualTo(200);
    }

    @Test
    void theCongestionWindowLimitsBytesInFlightButAnEmptyPipeAdmitsOneSegment() {
        buffer.queue(new byte[500], 0, 500);

        assertThat(buffer.next(250, OPEN, 0)).isNotNull();
        assertThat(buffer.next(250, OPEN, 0)).isNotNull();
        assertThat(buffer.next(250, OPEN, 0)).as("300 > 250").isNull();
        assertThat(buffer.pipeBytes()).isEqualTo(200);
        assertThat(buffer.pipeSegments()).isEqualTo(2);

        buffer.onAck(2, NO_RANGES, 0);
        assertThat(buffer.next(10, OPEN, 0)).as("a tiny window slows, never stalls").isNotNull();
        assertThat(buffer.next(10, OPEN, 0)).isNull();
    }

    @Test
    void thePeersWindowLimitsBytesNotYetAcknowledged() {
        buffer.queue(new byte[500], 0, 500);

        assertThat(buffer.next(OPEN, 250, 0)).isNotNull();
        assertThat(buffer.next(OPEN, 250, 0)).isNotNull();
        assertThat(buffer.next(OPEN, 250, 0)).isNull();
        assertThat(buffer.hasPending()).isTrue();

        buffer.onAck(0, new long[] {1, 2}, 0); // delivered, out of the peer's way
        assertThat(buffer.next(OPEN, 250, 0)).isNotNull();
    }

    @Test
    void aCumulativeAckDeliversEverythingBelowIt() {
        buffer.queue(new byte[300], 0, 300);
        sendAll();

        SendBuffer.AckResult result = buffer.onAck(2, NO_RANGES, 0);

        assertThat(result.deliveredBytes()).isEqualTo(200);
        assertThat(result.progress()).isTrue();
        assertThat(result.lowestLostSeq()).isEqualTo(SendBuffer.AckResult.NONE);
        assertThat(buffer.pipeSegments()).isEqualTo(1);
        assertThat(buffer.allDelivered()).isFalse();
        assertThat(buffer.onAck(2, NO_RANGES, 0).progress()).as("the same ack again").isFalse();
        assertThat(buffer.onAck(3, NO_RANGES, 0).deliveredBytes()).isEqualTo(100);
        assertThat(buffer.allDelivered()).isTrue();
    }

    @Test
    void selectiveAcksDeliverSegmentsAboveAHoleOnce() {
        buffer.queue(new byte[300], 0, 300);
        sendAll();

        assertThat(buffer.onAck(0, new long[] {1, 3}, 0).deliveredBytes()).isEqualTo(200);
        assertThat(buffer.onAck(0, new long[] {1, 3}, 0).deliveredBytes()).isZero();
        assertThat(buffer.onAck(3, NO_RANGES, 0).deliveredBytes()).as("only segment 0 is new").isEqualTo(100);
    }

    @Test
    void rangesBeyondWhatWasSentAreIgnored() {
        buffer.queue(new byte[100], 0, 100);
        sendAll();

        SendBuffer.AckResult result = buffer.onAck(0, new long[] {5, 1_000_000_000}, 0);

        assertThat(result.deliveredBytes()).isZero();
        assertThat(result.progress()).isFalse();
    }

    @Test
    void aRoundTripIsSampledFromTheNewestSegmentSentOnlyOnce() {
        buffer.queue(new byte[200], 0, 200);
        buffer.next(OPEN, OPEN, 1_000);
        buffer.next(OPEN, OPEN, 3_000);

        assertThat(buffer.onAck(2, NO_RANGES, 10_000).rttSampleNanos()).isEqualTo(7_000);
    }

    @Test
    void aResentSegmentGivesNoRoundTripSample() {
        buffer.queue(new byte[100], 0, 100);
        buffer.next(OPEN, OPEN, 1_000);
        buffer.markAllLost();
        buffer.next(OPEN, OPEN, 5_000);

        assertThat(buffer.onAck(1, NO_RANGES, 6_000).rttSampleNanos())
                .as("the ack may answer either copy (Karn)").isEqualTo(SendBuffer.AckResult.NONE);
    }

    @Test
    void aSegmentIsLostOnceThreeLaterTransmissionsAreDeliveredAndIsResentFirst() {
        buffer.queue(new byte[600], 0, 600);
        for (int i = 0; i < 5; i++) {
            buffer.next(OPEN, OPEN, 0);
        }

        assertThat(buffer.onAck(0, new long[] {1, 3}, 0).lowestLostSeq())
                .as("two later ones may be reordering").isEqualTo(SendBuffer.AckResult.NONE);
        assertThat(buffer.onAck(0, new long[] {1, 4}, 0).lowestLostSeq()).isZero();
        assertThat(buffer.pipeSegments()).as("the lost one left the pipe").isEqualTo(1);

        Segment resent = buffer.next(OPEN, OPEN, 0);
        assertThat(resent.seq).as("before the unsent sixth segment").isZero();
        assertThat(resent.transmissions).isEqualTo(2);
        assertThat(buffer.next(OPEN, OPEN, 0).seq).isEqualTo(5);
    }

    @Test
    void aLostResendIsFoundTheSameWay() {
        buffer.queue(new byte[900], 0, 900);
        for (int i = 0; i < 4; i++) {
            buffer.next(OPEN, OPEN, 0);
        }
        buffer.onAck(0, new long[] {1, 4}, 0); // segment 0 lost
        buffer.next(OPEN, OPEN, 0); // resent as transmission 4
        for (int i = 0; i < 3; i++) {
            buffer.next(OPEN, OPEN, 0); // segments 4, 5, 6
        }

        assertThat(buffer.onAck(0, new long[] {1, 7}, 0).lowestLostSeq()).isZero();
    }

    @Test
    void aSegmentThoughtLostButThenAcknowledgedIsNotResent() {
        buffer.queue(new byte[400], 0, 400);
        sendAll();
        buffer.onAck(0, new long[] {1, 4}, 0);
        assertThat(buffer.hasPending()).isTrue();

        buffer.onAck(4, NO_RANGES, 0); // the original arrived after all

        assertThat(buffer.hasPending()).isFalse();
        assertThat(buffer.next(OPEN, OPEN, 0)).isNull();
        assertThat(buffer.allDelivered()).isTrue();
    }

    @Test
    void afterATimeoutEverythingInFlightIsResentInOrder() {
        buffer.queue(new byte[300], 0, 300);
        sendAll();
        buffer.onAck(0, new long[] {1, 2}, 0);

        buffer.markAllLost();

        assertThat(buffer.pipeSegments()).isZero();
        assertThat(sendAll()).extracting(segment -> segment.seq).as("not the delivered one").containsExactly(0L, 2L);
    }

    @Test
    void theEndGoesAfterTheBytesAndCountsForDelivery() {
        buffer.queue(new byte[100], 0, 100);
        buffer.queueFin();
        assertThatThrownBy(() -> buffer.queue(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);

        List<Segment> sent = sendAll();
        assertThat(sent).extracting(segment -> segment.fin).containsExactly(false, true);
        assertThat(sent.get(1).length()).isZero();
        buffer.onAck(1, NO_RANGES, 0);
        assertThat(buffer.allDelivered()).as("the end is not acknowledged").isFalse();

        buffer.onAck(2, NO_RANGES, 0);
        assertThat(buffer.allDelivered()).isTrue();
        assertThat(buffer.nextSeq()).isEqualTo(2);
    }

    private List<Segment> sendAll() {
        List<Segment> sent = new ArrayList<>();
        for (Segment segment; (segment = buffer.next(OPEN, OPEN, 0)) != null; ) {
            sent.add(segment);
        }
        return sent;
    }
}
