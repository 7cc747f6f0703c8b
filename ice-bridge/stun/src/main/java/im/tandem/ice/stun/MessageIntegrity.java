package im.tandem.ice.stun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY with short-term credentials (RFC 5389 15.4), as ICE's connectivity and consent checks use it:
 * an HMAC-SHA1 keyed with the ICE password over the message up to the attribute, with the header's length counting
 * up to the end of the attribute. {@link #seal} appends it and a FINGERPRINT to an encoded message; {@link #verify}
 * checks it in a received one (attributes after it other than FINGERPRINT are ignored, as RFC 5389 says).
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
        ByteBuffer out = ByteBuffer.allocate(encoded.length + ATTRIBUTE_LENGTH + FINGERPRINT_ATTRIBUTE_LENGTH);
        out.put(encoded);
        out.putShort(LENGTH_FIELD, (short) (encoded.length - StunCodec.HEADER_LENGTH + ATTRIBUTE_LENGTH));
        byte[] hmac = hmac(password, out.array(), encoded.length);
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
                byte[] expected = hmac(password, signed, signed.length);
                byte[] actual = new byte[VALUE_LENGTH];
                System.arraycopy(data, pos + StunCodec.ATTRIBUTE_HEADER_LENGTH, actual, 0, VALUE_LENGTH);
                return MessageDigest.isEqual(expected, actual);
            }
            pos += StunCodec.ATTRIBUTE_HEADER_LENGTH + ((attributeLength + 3) & ~3);
        }
        return false;
    }

    private static byte[] hmac(String password, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), HMAC));
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
