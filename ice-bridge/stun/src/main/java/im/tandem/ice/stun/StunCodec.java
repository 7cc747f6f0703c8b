package im.tandem.ice.stun;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Strict encoder and decoder for one STUN message per datagram (RFC 5389 framing, RFC 3489 transactions
 * without magic cookie, RFC 5780 attributes).
 *
 * <p>Decoding is written against hostile input: every length is checked against the bytes that are really
 * there before anything is read, and the only exception that can leave {@link #decode} is
 * {@link MalformedStunException}. "Strict" means the message length must match the datagram exactly, every
 * attribute must be 4-byte padded, known attributes must have their exact sizes and FINGERPRINT, if present,
 * must be last and correct.
 */
public final class StunCodec {
    /** Type, length, cookie slot and 96-bit id. */
    public static final int HEADER_LENGTH = 20;
    /** Type and length of an attribute. */
    static final int ATTRIBUTE_HEADER_LENGTH = 4;
    /** RFC 5389 section 15.5: the CRC-32 is XORed with this ("STUN") so it differs from link-layer CRCs. */
    static final int FINGERPRINT_XOR = 0x5354554e;
    private static final int FINGERPRINT_VALUE_LENGTH = 4;
    /** The message length field is 16 bits. */
    private static final int MAX_BODY_LENGTH = 0xFFFF;
    /** Attributes and the body are aligned to 32-bit boundaries. */
    private static final int ALIGNMENT = 4;
    /** The two most significant bits of every STUN message are zero (RFC 5389 section 6). */
    private static final int LEADING_BITS_MASK = 0xC0;
    private static final int TYPE_MASK = 0x3FFF;

    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    /** Reserved byte, family byte, port. */
    private static final int ADDRESS_PREFIX_LENGTH = 4;
    private static final int CHANGE_REQUEST_LENGTH = 4;
    /** Reserved 21 bits, class (3 bits), number (8 bits). */
    private static final int ERROR_CODE_PREFIX_LENGTH = 4;
    private static final int ERROR_CLASS_MASK = 0x07;
    private static final int ERROR_CODE_CLASS_FACTOR = 100;

    private StunCodec() {
    }

    /** Decodes the whole array as one message. */
    public static StunMessage decode(byte[] data) throws MalformedStunException {
        if (data == null) {
            throw new MalformedStunException("no data");
        }
        return decode(data, 0, data.length);
    }

    /** Decodes {@code length} bytes starting at {@code offset} as exactly one message. */
    public static StunMessage decode(byte[] data, int offset, int length) throws MalformedStunException {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            throw new MalformedStunException("buffer bounds do not fit the data");
        }
        if (length < HEADER_LENGTH) {
            throw new MalformedStunException("shorter than a STUN header: " + length + " bytes");
        }
        if ((data[offset] & LEADING_BITS_MASK) != 0) {
            throw new MalformedStunException("leading bits are not zero: not STUN");
        }
        int bodyLength = u16(data, offset + 2);
        if (bodyLength % ALIGNMENT != 0) {
            throw new MalformedStunException("message length " + bodyLength + " is not a multiple of 4");
        }
        if (HEADER_LENGTH + bodyLength != length) {
            throw new MalformedStunException("message length " + bodyLength + " does not match the "
                    + (length - HEADER_LENGTH) + " bytes after the header");
        }
        MessageType type = MessageType.fromWire(u16(data, offset) & TYPE_MASK);
        TransactionId id = TransactionId.fromHeaderBytes(data, offset + 4);

        List<StunAttribute> attributes = new ArrayList<>();
        boolean fingerprint = false;
        int end = offset + length;
        int pos = offset + HEADER_LENGTH;
        while (pos < end) {
            if (fingerprint) {
                throw new MalformedStunException("attribute after FINGERPRINT");
            }
            // pos < end and both are 4-aligned relative to offset, so the 4-byte attribute header is there.
            int attrType = u16(data, pos);
            int attrLength = u16(data, pos + 2);
            int valueStart = pos + ATTRIBUTE_HEADER_LENGTH;
            int padded = pad(attrLength);
            if (padded > end - valueStart) {
                throw new MalformedStunException("attribute 0x" + Integer.toHexString(attrType) + " length "
                        + attrLength + " runs past the end of the message");
            }
            if (attrType == AttributeType.FINGERPRINT) {
                checkFingerprint(data, offset, pos, attrLength);
                fingerprint = true;
            } else {
                attributes.add(decodeAttribute(attrType, data, valueStart, attrLength, id));
            }
            pos = valueStart + padded;
        }
        return new StunMessage(type, id, attributes, fingerprint);
    }

    /** Encodes a message; a FINGERPRINT is appended when {@link StunMessage#fingerprint()} is set. */
    public static byte[] encode(StunMessage message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (StunAttribute attribute : message.attributes()) {
            byte[] value = encodeValue(attribute, message.transactionId());
            writeU16(body, attribute.type());
            writeU16(body, value.length);
            body.writeBytes(value);
            body.writeBytes(new byte[pad(value.length) - value.length]);
        }
        int fingerprintLength = message.fingerprint() ? ATTRIBUTE_HEADER_LENGTH + FINGERPRINT_VALUE_LENGTH : 0;
        int bodyLength = body.size() + fingerprintLength;
        if (bodyLength > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("message body of " + bodyLength + " bytes exceeds 65535");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + bodyLength);
        out.putShort((short) message.type().toWire());
        out.putShort((short) bodyLength);
        out.put(message.transactionId().toHeaderBytes());
        out.put(body.toByteArray());
        if (message.fingerprint()) {
            int crcEnd = out.position();
            out.putShort((short) AttributeType.FINGERPRINT);
            out.putShort((short) FINGERPRINT_VALUE_LENGTH);
            out.putInt(fingerprintOf(out.array(), 0, crcEnd));
        }
        return out.array();
    }

    private static void checkFingerprint(byte[] data, int messageStart, int attributeStart, int attrLength)
            throws MalformedStunException {
        if (attrLength != FINGERPRINT_VALUE_LENGTH) {
            throw new MalformedStunException("FINGERPRINT length " + attrLength + " is not 4");
        }
        int expected = fingerprintOf(data, messageStart, attributeStart - messageStart);
        int actual = ByteBuffer.wrap(data, attributeStart + ATTRIBUTE_HEADER_LENGTH, FINGERPRINT_VALUE_LENGTH).getInt();
        if (expected != actual) {
            throw new MalformedStunException("FINGERPRINT does not match the message");
        }
    }

    static int fingerprintOf(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    private static StunAttribute decodeAttribute(int type, byte[] data, int start, int length, TransactionId id)
            throws MalformedStunException {
        if (AttributeType.isAddress(type)) {
            return new AddressAttribute(type, decodeAddress(type, data, start, length, id));
        }
        switch (type) {
            case AttributeType.CHANGE_REQUEST:
                return decodeChangeRequest(data, start, length);
            case AttributeType.ERROR_CODE:
                return decodeErrorCode(data, start, length);
            case AttributeType.UNKNOWN_ATTRIBUTES:
                return decodeUnknownAttributes(data, start, length);
            case AttributeType.SOFTWARE:
                return new Software(decodeUtf8("SOFTWARE", data, start, length, Software.MAX_BYTES));
            default:
                byte[] value = new byte[length];
                System.arraycopy(data, start, value, 0, length);
                return new UnrecognisedAttribute(type, value);
        }
    }

    private static InetSocketAddress decodeAddress(int type, byte[] data, int start, int length, TransactionId id)
            throws MalformedStunException {
        if (length < ADDRESS_PREFIX_LENGTH) {
            throw new MalformedStunException("address attribute too short: " + length);
        }
        int family = data[start + 1] & 0xFF;
        int addressBytes = family == FAMILY_IPV4 ? IPV4_BYTES : family == FAMILY_IPV6 ? IPV6_BYTES : -1;
        if (addressBytes < 0) {
            throw new MalformedStunException("unknown address family " + family);
        }
        if (length != ADDRESS_PREFIX_LENGTH + addressBytes) {
            throw new MalformedStunException("address attribute length " + length + " wrong for family " + family);
        }
        int port = u16(data, start + 2);
        byte[] raw = new byte[addressBytes];
        System.arraycopy(data, start + ADDRESS_PREFIX_LENGTH, raw, 0, addressBytes);
        if (AttributeType.isXorEncoded(type)) {
            port ^= ((id.xorKeyByte(0) & 0xFF) << 8) | (id.xorKeyByte(1) & 0xFF);
            xorWithKey(raw, id);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            // Cannot happen for 4 or 16 bytes; kept as malformed input rather than an unchecked surprise.
            throw new MalformedStunException("bad address bytes");
        }
    }

    private static ChangeRequest decodeChangeRequest(byte[] data, int start, int length) throws MalformedStunException {
        if (length != CHANGE_REQUEST_LENGTH) {
            throw new MalformedStunException("CHANGE-REQUEST length " + length + " is not 4");
        }
        // Only the last byte carries flags; the rest is reserved and ignored as RFC 5780 asks.
        int flags = data[start + 3] & 0xFF;
        return new ChangeRequest((flags & ChangeRequest.FLAG_CHANGE_IP) != 0,
                (flags & ChangeRequest.FLAG_CHANGE_PORT) != 0);
    }

    private static ErrorCode decodeErrorCode(byte[] data, int start, int length) throws MalformedStunException {
        if (length < ERROR_CODE_PREFIX_LENGTH) {
            throw new MalformedStunException("ERROR-CODE too short: " + length);
        }
        int errorClass = data[start + 2] & ERROR_CLASS_MASK;
        int number = data[start + 3] & 0xFF;
        int code = errorClass * ERROR_CODE_CLASS_FACTOR + number;
        if (number >= ERROR_CODE_CLASS_FACTOR || code < ErrorCode.MIN_CODE || code > ErrorCode.MAX_CODE) {
            throw new MalformedStunException("ERROR-CODE class " + errorClass + " number " + number + " invalid");
        }
        String reason = decodeUtf8("ERROR-CODE reason", data, start + ERROR_CODE_PREFIX_LENGTH,
                length - ERROR_CODE_PREFIX_LENGTH, ErrorCode.MAX_REASON_BYTES);
        return new ErrorCode(code, reason);
    }

    private static UnknownAttributes decodeUnknownAttributes(byte[] data, int start, int length)
            throws MalformedStunException {
        if (length % 2 != 0) {
            throw new MalformedStunException("UNKNOWN-ATTRIBUTES length " + length + " is odd");
        }
        List<Integer> types = new ArrayList<>(length / 2);
        for (int i = 0; i < length; i += 2) {
            types.add(u16(data, start + i));
        }
        return new UnknownAttributes(types);
    }

    private static String decodeUtf8(String what, byte[] data, int start, int length, int maxBytes)
            throws MalformedStunException {
        if (length > maxBytes) {
            throw new MalformedStunException(what + " longer than " + maxBytes + " bytes");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, start, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedStunException(what + " is not valid UTF-8");
        }
    }

    private static byte[] encodeValue(StunAttribute attribute, TransactionId id) {
        if (attribute instanceof AddressAttribute a) {
            return encodeAddress(a, id);
        } else if (attribute instanceof ChangeRequest c) {
            return new byte[] {0, 0, 0, (byte) c.flags()};
        } else if (attribute instanceof ErrorCode e) {
            byte[] reason = e.reason().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(ERROR_CODE_PREFIX_LENGTH + reason.length);
            b.putShort((short) 0);
            b.put((byte) (e.code() / ERROR_CODE_CLASS_FACTOR));
            b.put((byte) (e.code() % ERROR_CODE_CLASS_FACTOR));
            b.put(reason);
            return b.array();
        } else if (attribute instanceof UnknownAttributes u) {
            return encodeUnknownAttributes(u, id);
        } else if (attribute instanceof Software s) {
            return s.description().getBytes(StandardCharsets.UTF_8);
        } else {
            return ((UnrecognisedAttribute) attribute).value();
        }
    }

    private static byte[] encodeUnknownAttributes(UnknownAttributes u, TransactionId id) {
        List<Integer> types = new ArrayList<>(u.types());
        // RFC 3489 section 11.2.10 has no padding: an odd list repeats one entry instead.
        if (!id.isRfc5389() && types.size() % 2 == 1) {
            types.add(types.get(types.size() - 1));
        }
        ByteBuffer b = ByteBuffer.allocate(types.size() * 2);
        types.forEach(t -> b.putShort((short) (int) t));
        return b.array();
    }

    private static byte[] encodeAddress(AddressAttribute attribute, TransactionId id) {
        InetAddress address = attribute.address().getAddress();
        byte[] raw = address.getAddress();
        int port = attribute.address().getPort();
        if (AttributeType.isXorEncoded(attribute.type())) {
            port ^= ((id.xorKeyByte(0) & 0xFF) << 8) | (id.xorKeyByte(1) & 0xFF);
            xorWithKey(raw, id);
        }
        ByteBuffer b = ByteBuffer.allocate(ADDRESS_PREFIX_LENGTH + raw.length);
        b.put((byte) 0);
        b.put((byte) (address instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6));
        b.putShort((short) port);
        b.put(raw);
        return b.array();
    }

    /** XORs an address with the cookie slot (IPv4) or the cookie slot and transaction id (IPv6). */
    private static void xorWithKey(byte[] raw, TransactionId id) {
        for (int i = 0; i < raw.length; i++) {
            raw[i] ^= id.xorKeyByte(i);
        }
    }

    private static int pad(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    private static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
