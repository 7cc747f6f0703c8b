package im.tandem.ice.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChannelDataTest {

    @Test
    void aFrameCarriesTheChannelTheLengthAndTheDatagram() {
        ByteBuffer datagram = ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII));

        ByteBuffer frame = ChannelData.frame(0x4001, datagram);

        assertThat(frame.remaining()).isEqualTo(ChannelData.HEADER_BYTES + 5);
        assertThat(frame.getShort(0) & 0xFFFF).isEqualTo(0x4001);
        assertThat(frame.getShort(2)).isEqualTo((short) 5);
        assertThat(ChannelData.isChannelData(frame)).isTrue();
        assertThat(ChannelData.channelOf(frame)).isEqualTo(0x4001);
        assertThat(StandardCharsets.US_ASCII.decode(ChannelData.payloadOf(frame)).toString()).isEqualTo("hello");
        assertThat(datagram.hasRemaining()).as("the datagram is consumed").isFalse();
    }

    @Test
    void paddingAfterTheLengthIsNotPartOfTheDatagram() {
        ByteBuffer padded = ByteBuffer.allocate(12).putShort((short) 0x4000).putShort((short) 5)
                .put("hello".getBytes(StandardCharsets.US_ASCII)).put(new byte[3]).flip();

        assertThat(ChannelData.payloadOf(padded).remaining()).isEqualTo(5);
    }

    @Test
    void aLengthPastTheFrameIsRefused() {
        ByteBuffer truncated = ByteBuffer.allocate(8).putShort((short) 0x4000).putShort((short) 5).flip();

        assertThat(ChannelData.payloadOf(truncated)).isNull();
    }

    @Test
    void stunMessagesAndShortDatagramsAreNotChannelData() {
        assertThat(ChannelData.isChannelData(ByteBuffer.wrap(new byte[] {0x01, 0x01, 0, 0, 0x21, 0x12}))).isFalse();
        assertThat(ChannelData.isChannelData(ByteBuffer.wrap(new byte[] {0x40, 0x00, 0}))).isFalse();
        assertThat(ChannelData.isChannelData(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 0}))).isFalse();
    }
}
