package im.tandem.ice.stun;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 16 header bytes after the length field. In an RFC 5389 message they are the magic cookie followed by a
 * 96-bit transaction id; an RFC 3489 ("classic") client fills all 128 bits with its own id. Keeping the 16 bytes
 * together lets a server echo a classic id unchanged and lets the codec use them as the XOR key in both cases.
 */
public final class TransactionId {
    /** RFC 5389 section 6: the fixed value that tells a modern message from a classic one. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** Cookie slot plus 96-bit id. */
    public static final int LENGTH = 16;

    private static final int COOKIE_LENGTH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh random RFC 5389 id (magic cookie plus 96 random bits); random so that answers cannot be forged blindly. */
    public static TransactionId random() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        ByteBuffer.wrap(b).putInt(0, MAGIC_COOKIE);
        return new TransactionId(b);
    }

    /** A fresh random 128-bit RFC 3489 id, never starting with the magic cookie. */
    public static TransactionId randomClassic() {
        byte[] b = new byte[LENGTH];
        do {
            RANDOM.nextBytes(b);
        } while (ByteBuffer.wrap(b).getInt(0) == MAGIC_COOKIE);
        return new TransactionId(b);
    }

    /** The 16 bytes as found in a header (copied). */
    public static TransactionId fromHeaderBytes(byte[] source, int offset) {
        return new TransactionId(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    /** True when the cookie slot holds the magic cookie, i.e. the sender speaks RFC 5389 or later. */
    public boolean isRfc5389() {
        return ByteBuffer.wrap(bytes).getInt(0) == MAGIC_COOKIE;
    }

    /** A copy of the 16 header bytes. */
    public byte[] toHeaderBytes() {
        return bytes.clone();
    }

    byte xorKeyByte(int index) {
        return bytes[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return isRfc5389()
                ? HexFormat.of().formatHex(bytes, COOKIE_LENGTH, LENGTH)
                : "classic:" + HexFormat.of().formatHex(bytes);
    }
}
