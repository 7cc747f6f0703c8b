package im.tandem.ice.stun;

/** The two class bits of a STUN message type (RFC 5389 section 6). */
public enum MessageClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    MessageClass(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    static MessageClass fromBits(int bits) {
        return values()[bits & 0b11];
    }
}
