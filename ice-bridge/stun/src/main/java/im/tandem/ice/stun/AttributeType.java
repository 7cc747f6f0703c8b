package im.tandem.ice.stun;

/** STUN attribute type numbers this code knows by name (IANA "STUN Attributes" registry). */
public final class AttributeType {
    public static final int MAPPED_ADDRESS = 0x0001;
    /** RFC 3489; a server honouring it would be a reflector, so ours refuses it. */
    public static final int RESPONSE_ADDRESS = 0x0002;
    public static final int CHANGE_REQUEST = 0x0003;
    /** RFC 3489 only: where the response was sent from. */
    public static final int SOURCE_ADDRESS = 0x0004;
    /** RFC 3489 only: the address a change-IP-and-port response would come from. */
    public static final int CHANGED_ADDRESS = 0x0005;
    /** ICE checks: "recipient-ufrag:sender-ufrag" (RFC 8445 7.2.2). */
    public static final int USERNAME = 0x0006;
    /** HMAC-SHA1 over the message (RFC 5389 15.4), see {@link MessageIntegrity}. */
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    /** TURN (RFC 8656 18.1): the channel a ChannelBind binds, in the top 16 bits, 16 reserved bits after. */
    public static final int CHANNEL_NUMBER = 0x000C;
    /** TURN (RFC 8656 18.2): seconds an allocation is asked or granted to live; 0 releases it. */
    public static final int LIFETIME = 0x000D;
    /** TURN (RFC 8656 18.3): the peer, XOR-encoded as XOR-MAPPED-ADDRESS is. */
    public static final int XOR_PEER_ADDRESS = 0x0012;
    /** Long-term credentials (RFC 8489 14.9): the realm the server names in its challenge. */
    public static final int REALM = 0x0014;
    /** Long-term credentials (RFC 8489 14.10): the server's nonce, repeated in each authenticated request. */
    public static final int NONCE = 0x0015;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** ICE checks: the priority a peer-reflexive candidate learnt from this check would get (RFC 8445 7.1.1). */
    public static final int PRIORITY = 0x0024;
    /** RFC 5780; would make responses larger than requests, so ours refuses it. */
    public static final int PADDING = 0x0026;
    /** RFC 5780; would send to another port than the source, so ours refuses it. */
    public static final int RESPONSE_PORT = 0x0027;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    /** ICE checks from the controlled agent, with its tie-breaker (RFC 8445 7.1.3). */
    public static final int ICE_CONTROLLED = 0x8029;
    /** ICE checks from the controlling agent, with its tie-breaker (RFC 8445 7.1.3). */
    public static final int ICE_CONTROLLING = 0x802A;
    /** RFC 5780: where the response was sent from. */
    public static final int RESPONSE_ORIGIN = 0x802B;
    /** RFC 5780: the address a change-IP-and-port response would come from. */
    public static final int OTHER_ADDRESS = 0x802C;

    /** Types below this value must be understood by the receiver or the request fails (RFC 5389 section 15). */
    private static final int FIRST_COMPREHENSION_OPTIONAL = 0x8000;

    private AttributeType() {
    }

    public static boolean isComprehensionRequired(int type) {
        return type < FIRST_COMPREHENSION_OPTIONAL;
    }

    /** Attributes whose value is an address and port (XOR-encoded or plain, see {@link #isXorEncoded}). */
    public static boolean isAddress(int type) {
        return type == MAPPED_ADDRESS || type == XOR_MAPPED_ADDRESS || type == SOURCE_ADDRESS
                || type == CHANGED_ADDRESS || type == RESPONSE_ORIGIN || type == OTHER_ADDRESS
                || type == XOR_PEER_ADDRESS;
    }

    /** Types the codec decodes into their own attribute class (or, for FINGERPRINT, checks itself). */
    static boolean isModelled(int type) {
        return isAddress(type) || type == CHANGE_REQUEST || type == ERROR_CODE || type == UNKNOWN_ATTRIBUTES
                || type == SOFTWARE || type == FINGERPRINT;
    }

    static boolean isXorEncoded(int type) {
        return type == XOR_MAPPED_ADDRESS || type == XOR_PEER_ADDRESS;
    }
}
