package im.tandem.ice.stun;

/**
 * A STUN message type: a 12-bit method and a class, interleaved on the wire as RFC 5389 section 6 shows
 * (method bits M0-M3, C0, M4-M6, C1, M7-M11).
 */
public record MessageType(int method, MessageClass messageClass) {

    /** STUN's own method (RFC 5389 section 18.1): what the server answers and ICE's checks use. */
    public static final int METHOD_BINDING = 0x001;
    /** TURN (RFC 8656 17): keeps an allocation alive, or releases it with a lifetime of 0. */
    public static final int METHOD_REFRESH = 0x004;
    /** TURN (RFC 8656 17): binds a channel number to a peer, or refreshes that binding and its permission. */
    public static final int METHOD_CHANNEL_BIND = 0x009;

    public static final MessageType BINDING_REQUEST = new MessageType(METHOD_BINDING, MessageClass.REQUEST);
    public static final MessageType BINDING_SUCCESS = new MessageType(METHOD_BINDING, MessageClass.SUCCESS_RESPONSE);
    public static final MessageType BINDING_ERROR = new MessageType(METHOD_BINDING, MessageClass.ERROR_RESPONSE);

    /** Twelve bits of method. */
    private static final int MAX_METHOD = 0xFFF;

    public MessageType {
        if (method < 0 || method > MAX_METHOD) {
            throw new IllegalArgumentException("method out of range: " + method);
        }
        if (messageClass == null) {
            throw new IllegalArgumentException("messageClass is null");
        }
    }

    /** The 14-bit wire value (the two leading zero bits of the header are not part of it). */
    int toWire() {
        int c = messageClass.bits();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }

    /** Decodes a 14-bit wire value; every such value is a valid type, so this cannot fail. */
    static MessageType fromWire(int wire) {
        int c = ((wire >> 4) & 0b01) | ((wire >> 7) & 0b10);
        int m = (wire & 0x000F) | ((wire >> 1) & 0x0070) | ((wire >> 2) & 0x0F80);
        return new MessageType(m, MessageClass.fromBits(c));
    }
}
