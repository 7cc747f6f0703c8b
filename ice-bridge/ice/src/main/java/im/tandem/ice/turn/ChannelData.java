package im.tandem.ice.turn;

import java.nio.ByteBuffer;

/**
 * TURN's ChannelData framing (RFC 8656 12.4): a channel number and a length, two bytes each, then the application's
 * datagram. Over UDP the frame needs no padding, and a server may add some, which the length leaves out.
 */
final class ChannelData {

    /** Channel number and length. */
    static final int HEADER_BYTES = 4;
    /** RFC 8656 12: the numbers a client may bind. */
    static final int FIRST_CHANNEL = 0x4000;
    static final int LAST_CHANNEL = 0x4FFF;
    /** A TURN server on UDP sends STUN messages (leading bits 00) and ChannelData (01) on the same port. */
    private static final int LEADING_BITS = 0xC0;
    private static final int CHANNEL_DATA_BITS = 0x40;

    private ChannelData() {
    }

    /** A frame carrying {@code datagram}'s remaining bytes on {@code channel}; the datagram is consumed. */
    static ByteBuffer frame(int channel, ByteBuffer datagram) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + datagram.remaining());
        frame.putShort((short) channel).putShort((short) datagram.remaining()).put(datagram);
        return frame.flip();
    }

    /** Whether a datagram from the server is ChannelData rather than a STUN message. */
    static boolean isChannelData(ByteBuffer datagram) {
        return datagram.remaining() >= HEADER_BYTES
                && (datagram.get(datagram.position()) & LEADING_BITS) == CHANNEL_DATA_BITS;
    }

    static int channelOf(ByteBuffer frame) {
        return frame.getShort(frame.position()) & 0xFFFF;
    }

    /**
     * The datagram a well-formed frame carries, as a view of the frame's bytes; null if its length claims more than
     * the frame holds.
     */
    static ByteBuffer payloadOf(ByteBuffer frame) {
        int length = frame.getShort(frame.position() + 2) & 0xFFFF;
        if (length > frame.remaining() - HEADER_BYTES) {
            return null;
        }
        return frame.slice(frame.position() + HEADER_BYTES, length);
    }
}
