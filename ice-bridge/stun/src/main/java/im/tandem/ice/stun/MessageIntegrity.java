package im.tandem.ice.stun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 5389 15.4): an HMAC-SHA1 over the message up to the attribute, with the header's length
 * counting up to the end of the attribute, keyed with the ICE password for short-term credentials (ICE's
 * connectivity and consent checks) or with {@link #longTermKey} for long-term ones (TURN). {@link #seal} appends it
 * and a FINGERPRINT to an encoded message; {@link #verify} checks it in a received one (attributes after it other
 * than FINGERPRINT are ignored, as RFC 5389 says).
 */
public final class MessageIntegrity {

    /** HMAC-SHA1's 20 bytes. */
    public static final int VALUE_LENGTH = 20;
    private static final String HMAC = "HmacSHA1";
    private static final int ATTRIBUTE_LENGTH = StunCodec.ATTRIBUTE_HEADER_LENGTH + VALUE_LENGTH;
    private static final int FINGERPRINT_ATTRIBUTE_LENGTH = StunCodec.ATTRIBUTE_HEADER_LENGTH + 4;
    private static final int LENGTH_FIELD = 2;

    private MessageIntegrity() {
    }

    /**
     * Appends MESSAGE-INTEGRITY keyed with {@code password}, then FINGERPRINT.
     *
     * @param encoded a message encoded without FINGERPRINT (see {@link StunCodec#encode})
     */
    public static byte[] seal(byte[] encoded, String password) {
        return seal(encoded, shortTermKey(password));
    }

    /**
     * Appends MESSAGE-INTEGRITY keyed with {@code key}, then FINGERPRINT.
     *
     * @param encoded a message encoded without FINGERPRINT (see {@link StunCodec#encode})
     */
    public static byte[] seal(byte[] encoded, byte[] key) {
        ByteBuffer out = ByteBuffer.allocate(encoded.length + ATTRIBUTE_LENGTH + FINGERPRINT_ATTRIBUTE_LENGTH);
        out.put(encoded);
        out.putShort(LENGTH_FIELD, (short) (encoded.length - StunCodec.HEADER_LENGTH + ATTRIBUTE_LENGTH));
        byte[] hmac = hmac(key, out.array(), encoded.length);
        out.putShort((short) AttributeType.MESSAGE_INTEGRITY);
        out.putShort((short) VALUE_LENGTH);
        out.put(hmac);
        int crcEnd = out.position();
        out.putShort(LENGTH_FIELD, (short) (out.capacity() - StunCodec.HEADER_LENGTH));
        out.putShort((short) AttributeType.FINGERPRINT);
        out.putShort((short) 4);
        out.putInt(StunCodec.fingerprintOf(out.array(), 0, crcEnd));
        return out.array();
    }

    /**
     * Whether the message carries a MESSAGE-INTEGRITY that {@code password} produced. The message must already
     * have decoded (so its attributes are known to be well framed).
     */
    public static boolean verify(byte[] data, int offset, int length, String password) {
        return verify(data, offset, length, shortTermKey(password));
    }

    /**
     * Whether the message carries a MESSAGE-INTEGRITY that {@code key} produced. The message must already have
     * decoded (so its attributes are known to be well framed).
     */
    public static boolean verify(byte[] data, int offset, int length, byte[] key) {
        int end = offset + length;
        int pos = offset + StunCodec.HEADER_LENGTH;
        while (pos + StunCodec.ATTRIBUTE_HEADER_LENGTH <= end) {
            int type = u16(data, pos);
            int attributeLength = u16(data, pos + 2);
            if (type == AttributeType.MESSAGE_INTEGRITY) {
                if (attributeLength != VALUE_LENGTH || pos + ATTRIBUTE_LENGTH > end) {
                    return false;
                }
                byte[] signed = new byte[pos - offset];
                System.arraycopy(data, offset, signed, 0, signed.length);
                int lengthUpToIntegrity = pos + ATTRIBUTE_LENGTH - offset - StunCodec.HEADER_LENGTH;
                signed[LENGTH_FIELD] = (byte) (lengthUpToIntegrity >> 8);
                signed[LENGTH_FIELD + 1] = (byte) lengthUpToIntegrity;
                byte[] expected = hmac(key, signed, signed.length);
                byte[] actual = new byte[VALUE_LENGTH];
                System.arraycopy(data, pos + StunCodec.ATTRIBUTE_HEADER_LENGTH, actual, 0, VALUE_LENGTH);
                return MessageDigest.isEqual(expected, actual);
            }
            pos += StunCodec.ATTRIBUTE_HEADER_LENGTH + ((attributeLength + 3) & ~3);
        }
        return false;
    }

    /**
     * The long-term credential key (RFC 5389 15.4): MD5 over "username:realm:password". The strings are taken as
     * they are (no SASLprep), as they are for short-term keys here: TURN REST credentials are ASCII.
     */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }

    private static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }
}
