package im.tandem.ice.channel;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The handful of DER (X.690) encodings a self-signed certificate needs. The JDK can parse certificates but offers
 * no public API to build one, and this is small enough not to pull a cryptography library into every client.
 */
final class DerWriter {

    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int UTF8_STRING = 0x0C;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int CONTEXT_CONSTRUCTED = 0xA0;
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private DerWriter() {
    }

    static byte[] sequence(byte[]... parts) {
        return tagged(SEQUENCE, concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return tagged(SET, concat(parts));
    }

    /** An explicit context-specific tag, e.g. {@code [0]} around a certificate's version. */
    static byte[] explicit(int tagNumber, byte[] content) {
        return tagged(CONTEXT_CONSTRUCTED | tagNumber, content);
    }

    static byte[] integer(BigInteger value) {
        return tagged(INTEGER, value.toByteArray());
    }

    static byte[] bitString(byte[] bytes) {
        byte[] content = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, content, 1, bytes.length); // leading 0: no unused bits
        return tagged(BIT_STRING, content);
    }

    static byte[] utf8(String text) {
        return tagged(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /** GeneralizedTime is valid for every date; UTCTime would need a switch at 2050 (RFC 5280 4.1.2.5). */
    static byte[] time(ZonedDateTime when) {
        String text = GENERALIZED.format(when.withZoneSameInstant(ZoneOffset.UTC).withNano(0));
        return tagged(GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** An object identifier in dotted form, e.g. {@code 2.5.4.3}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return tagged(OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int bits = (int) (value >>> (7 * g)) & 0x7F;
            out.write(g == 0 ? bits : bits | 0x80);
        }
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        writeLength(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
