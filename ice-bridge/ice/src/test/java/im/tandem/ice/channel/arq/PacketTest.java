package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PacketTest {

    private static final int DATAGRAM = ArqConfig.DEFAULT_MAX_DATAGRAM_BYTES;
    /** Where the type byte sits: after the magic. */
    private static final int TYPE_OFFSET = 4;
    /** Where the cumulative ack sits: after magic, type, flags and window. */
    private static final int ACK_OFFSET = 10;
    private static final int SEQ_OFFSET = 18;

    @Test
    void dataKeepsEveryField() {
        byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
        Packet packet = roundTrip(out -> Packet.writeData(out, 4096, 7, 9, false, payload));

        assertThat(packet.type()).isEqualTo(Packet.Type.DATA);
        assertThat(packet.window()).isEqualTo(4096);
        assertThat(packet.cumulativeAck()).isEqualTo(7);
        assertThat(packet.seq()).isEqualTo(9);
        assertThat(packet.fin()).isFalse();
        assertThat(packet.sackRanges()).isEmpty();
        assertThat(remaining(packet.payload())).isEqualTo(payload);
    }

    @Test
    void theEndIsDataWithTheFinFlagAndNoPayload() {
        Packet packet = roundTrip(out -> Packet.writeData(out, 0, 0, 3, true, new byte[0]));

        assertThat(packet.fin()).isTrue();
        assertThat(packet.seq()).isEqualTo(3);
        assertThat(packet.payload().hasRemaining()).isFalse();
    }

    @Test
    void anAckKeepsItsRanges() {
        Packet packet = roundTrip(out -> Packet.writeAck(out, 100, 5, new long[] {6, 8, 10, 11}));

        assertThat(packet.type()).isEqualTo(Packet.Type.ACK);
        assertThat(packet.cumulativeAck()).isEqualTo(5);
        assertThat(packet.sackRanges()).containsExactly(6, 8, 10, 11);
    }

    @Test
    void anAckWithTheMostRangesFitsTheSmallestDatagram() {
        long[] ranges = new long[2 * 16];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = 10 + 2L * i;
        }
        ByteBuffer out = ByteBuffer.allocate(ArqConfig.MIN_DATAGRAM_BYTES);

        Packet.writeAck(out, 0, 1, ranges);

        assertThat(Packet.read(out.flip()).sackRanges()).containsExactly(ranges);
    }

    @Test
    void probeAndCloseCarryTheReceiveState() {
        Packet probe = roundTrip(out -> Packet.writeProbe(out, 1234, 56));
        Packet close = roundTrip(out -> Packet.writeClose(out, 0, 78));

        assertThat(probe.type()).isEqualTo(Packet.Type.PROBE);
        assertThat(probe.window()).isEqualTo(1234);
        assertThat(probe.cumulativeAck()).isEqualTo(56);
        assertThat(close.type()).isEqualTo(Packet.Type.CLOSE);
        assertThat(close.cumulativeAck()).isEqualTo(78);
    }

    @Test
    void theWindowIsAnUnsigned32BitNumber() {
        assertThat(roundTrip(out -> Packet.writeProbe(out, 0xFFFF_FFFFL, 0)).window()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void garbageAndTruncationAreRejected() {
        assertThat(Packet.read(ByteBuffer.allocate(0))).isNull();
        assertThat(Packet.read(ByteBuffer.wrap("not a packet of ours at all".getBytes()))).isNull();
        byte[] probe = written(out -> Packet.writeProbe(out, 1, 0));
        assertThat(Packet.read(ByteBuffer.wrap(probe, 0, probe.length - 1))).as("one byte short").isNull();
    }

    @Test
    void anotherMagicOrVersionIsRejected() {
        byte[] probe = written(out -> Packet.writeProbe(out, 1, 0));
        probe[3]++; // the version byte of the magic

        assertThat(Packet.read(ByteBuffer.wrap(probe))).isNull();
    }

    @Test
    void anUnknownTypeIsRejected() {
        byte[] probe = written(out -> Packet.writeProbe(out, 1, 0));
        probe[TYPE_OFFSET] = (byte) Packet.Type.values().length;

        assertThat(Packet.read(ByteBuffer.wrap(probe))).isNull();
    }

    @Test
    void negativeNumbersAreRejected() {
        byte[] ack = written(out -> Packet.writeData(out, 1, 0, 0, false, new byte[1]));
        ack[ACK_OFFSET] = (byte) 0x80;
        byte[] seq = written(out -> Packet.writeData(out, 1, 0, 0, false, new byte[1]));
        seq[SEQ_OFFSET] = (byte) 0x80;

        assertThat(Packet.read(ByteBuffer.wrap(ack))).isNull();
        assertThat(Packet.read(ByteBuffer.wrap(seq))).isNull();
    }

    @Test
    void controlPacketsWithTrailingBytesAreRejected() {
        for (Consumer<ByteBuffer> writer : List.<Consumer<ByteBuffer>>of(
                out -> Packet.writeProbe(out, 1, 0),
                out -> Packet.writeClose(out, 1, 0),
                out -> Packet.writeAck(out, 1, 0, new long[] {2, 3}))) {
            byte[] bytes = written(writer);
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThat(Packet.read(ByteBuffer.wrap(bytes))).isNotNull();
            assertThat(Packet.read(ByteBuffer.wrap(longer))).isNull();
        }
    }

    @Test
    void anEndWithPayloadIsRejected() {
        assertThat(Packet.read(ByteBuffer.wrap(written(out -> Packet.writeData(out, 1, 0, 0, true, new byte[1])))))
                .isNull();
    }

    @Test
    void rangesThatAreEmptyOverlappingDescendingOrMissingAreRejected() {
        assertThat(readAck(new long[] {5, 5})).as("empty").isNull();
        assertThat(readAck(new long[] {6, 5})).as("backwards").isNull();
        assertThat(readAck(new long[] {5, 8, 7, 9})).as("overlapping").isNull();
        assertThat(readAck(new long[] {8, 9, 5, 6})).as("descending").isNull();
        assertThat(readAck(new long[] {5, 6, 6, 7})).as("adjacent is fine").isNotNull();

        byte[] ack = written(out -> Packet.writeAck(out, 1, 0, new long[] {5, 6}));
        ack[Packet.HEADER_BYTES] = 2; // claims a second range that is not there
        assertThat(Packet.read(ByteBuffer.wrap(ack))).isNull();
    }

    private static Packet readAck(long[] ranges) {
        return Packet.read(ByteBuffer.wrap(written(out -> Packet.writeAck(out, 1, 0, ranges))));
    }

    private static Packet roundTrip(Consumer<ByteBuffer> writer) {
        Packet packet = Packet.read(ByteBuffer.wrap(written(writer)));
        assertThat(packet).isNotNull();
        return packet;
    }

    private static byte[] written(Consumer<ByteBuffer> writer) {
        ByteBuffer out = ByteBuffer.allocate(DATAGRAM);
        writer.accept(out);
        return remaining(out.flip());
    }

    private static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
