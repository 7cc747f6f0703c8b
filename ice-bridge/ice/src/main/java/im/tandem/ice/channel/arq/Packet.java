package im.tandem.ice.channel.arq;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * One datagram of the ARQ protocol. Every packet carries the sender's receive state (cumulative ack and window), so
 * data packets acknowledge for free; pure acks add selective-ack ranges.
 *
 * <pre>
 * magic u32 | type u8 | flags u8 | window u32 | cumulative-ack u64 | seq u64 | (ACK: count u8, count x [start u64, end u64]) | (DATA: payload)
 * </pre>
 */
record Packet(Type type, boolean fin, long window, long cumulativeAck, long seq, long[] sackRanges,
              ByteBuffer payload) {

    /** "TND" and protocol version 1: a peer speaking anything else, or random bytes, fail this check. */
    static final int MAGIC = 0x544E_4401;
    static final int HEADER_BYTES = 4 + 1 + 1 + 4 + 8 + 8;
    private static final int FLAG_FIN = 1;

    enum Type {
        /** A segment of the byte stream (or the end-of-stream marker). */
        DATA,
        /** Receive state only, with selective acks. */
        ACK,
        /** Asks the peer for an ACK: keeps an idle path alive and probes a closed receive window. */
        PROBE,
        /** The sender released the stream: stop waiting for it. Best effort; the peer timeout covers its loss. */
        CLOSE;

        private static final Type[] ALL = values();
    }

    static void writeData(ByteBuffer out, long window, long cumulativeAck, long seq, boolean fin,
                          byte[] payload) {
        writeHeader(out, Type.DATA, fin ? FLAG_FIN : 0, window, cumulativeAck, seq);
        out.put(payload);
    }

    static void writeAck(ByteBuffer out, long window, long cumulativeAck, long[] sackRanges) {
        writeHeader(out, Type.ACK, 0, window, cumulativeAck, 0);
        out.put((byte) (sackRanges.length / 2));
        for (long edge : sackRanges) {
            out.putLong(edge);
        }
    }

    static void writeProbe(ByteBuffer out, long window, long cumulativeAck) {
        writeHeader(out, Type.PROBE, 0, window, cumulativeAck, 0);
    }

    static void writeClose(ByteBuffer out, long window, long cumulativeAck) {
        writeHeader(out, Type.CLOSE, 0, window, cumulativeAck, 0);
    }

    private static void writeHeader(ByteBuffer out, Type type, int flags, long window, long cumulativeAck,
                                    long seq) {
        out.clear();
        out.putInt(MAGIC).put((byte) type.ordinal()).put((byte) flags)
                .putInt((int) window).putLong(cumulativeAck).putLong(seq);
    }

    /**
     * Parses a datagram.
     *
     * @return the packet, or {@code null} if the datagram is not a well-formed packet of this protocol
     */
    static Packet read(ByteBuffer in) {
        try {
            if (in.remaining() < HEADER_BYTES || in.getInt() != MAGIC) {
                return null;
            }
            int typeCode = in.get() & 0xFF;
            if (typeCode >= Type.ALL.length) {
                return null;
            }
            Type type = Type.ALL[typeCode];
            int flags = in.get() & 0xFF;
            long window = in.getInt() & 0xFFFF_FFFFL;
            long cumulativeAck = in.getLong();
            long seq = in.getLong();
            if (cumulativeAck < 0 || seq < 0) {
                return null;
            }
            long[] ranges = type == Type.ACK ? readRanges(in) : new long[0];
            if (ranges == null || (type != Type.DATA && in.hasRemaining())) {
                return null;
            }
            boolean fin = (flags & FLAG_FIN) != 0;
            if (fin && in.hasRemaining()) {
                return null; // the end-of-stream marker carries no data
            }
            return new Packet(type, fin, window, cumulativeAck, seq, ranges, in.slice());
        } catch (BufferUnderflowException e) {
            return null;
        }
    }

    /** Ranges must be non-empty, ascending and above the cumulative ack's stream; anything else is forged. */
    private static long[] readRanges(ByteBuffer in) {
        int count = in.get() & 0xFF;
        long[] ranges = new long[count * 2];
        long previousEnd = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            long start = in.getLong();
            long end = in.getLong();
            if (start < previousEnd || end <= start) {
                return null;
            }
            ranges[i] = start;
            ranges[i + 1] = end;
            previousEnd = end;
        }
        return ranges;
    }
}
