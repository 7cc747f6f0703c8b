package im.tandem.client.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * File names and paths as event fields, which may not hold white space: white space, control characters and
 * {@code %} itself are percent-encoded as UTF-8 bytes ({@code my file.txt} becomes {@code my%20file.txt}), so a
 * reader splits the line on spaces and decodes these two fields. An empty value is written {@value #NONE}.
 */
final class FileFields {
    /** An empty value (a file offered without a name), as other events write what is unknown. */
    static final String NONE = "-";

    private FileFields() {
    }

    static String encode(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        StringBuilder field = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '%' || Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    field.append('%').append(String.format("%02X", b & 0xFF));
                }
            } else {
                field.appendCodePoint(c);
            }
        });
        return field.toString();
    }

    /** The text back from a field, for display; a malformed escape is kept as it is. */
    static String decode(String field) {
        if (field.equals(NONE)) {
            return "";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < field.length()) {
            if (field.charAt(i) == '%' && isHex(field, i + 1) && isHex(field, i + 2)) {
                bytes.write(Integer.parseInt(field.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = field.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }
}
