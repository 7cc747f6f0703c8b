package im.tandem.ice.channel.arq;

/** One numbered piece of the outgoing byte stream and what the sender knows about its delivery. */
final class Segment {

    final long seq;
    final boolean fin;
    byte[] payload;
    /** The ordinal of this segment's latest transmission among all transmissions of the connection. */
    long transmitOrder;
    long sentAtNanos;
    int transmissions;
    /** Acknowledged, cumulatively or selectively: the peer holds it. */
    boolean delivered;
    boolean lost;

    Segment(long seq, byte[] payload, boolean fin) {
        this.seq = seq;
        this.payload = payload;
        this.fin = fin;
    }

    int length() {
        return payload.length;
    }

    /** Counts toward the bytes believed to be in the network: sent, not yet known delivered, not given up. */
    boolean inPipe() {
        return !delivered && !lost;
    }
}
