package im.tandem.client.file.io;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file name from a sender, reduced to one plain name that is safe to create and to show: no path (XEP-0234 §14),
 * no character that hides or reorders what the user reads, not hidden, not a device, and short enough for any
 * common file system.
 */
final class SafeFileName {
    /**
     * UTF-8 bytes a name may take. Linux and most file systems allow 255 bytes per name; 200 leave room for the
     * " (n)" that {@link DownloadFolder#keep} adds when the name is taken.
     */
    static final int MAX_NAME_BYTES = 200;
    /** An extension up to this many bytes survives shortening, so that a long name keeps the type the user sees. */
    static final int MAX_EXTENSION_BYTES = 16;
    /** What a file is called when the sender gave no usable name. */
    static final String FALLBACK_NAME = "file";
    /** Put before a name that Windows reserves for a device, so that the file can be opened there too. */
    static final String RESERVED_PREFIX = "_";

    /** Characters Windows does not allow in a name; replaced, so that a file keeps its name when copied there. */
    private static final Pattern WINDOWS_FORBIDDEN = Pattern.compile("[<>:\"|?*]");
    /** Windows' device names, which open the device whatever extension follows ("con.txt" is the console). */
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "COM\u00B9", "COM\u00B2", "COM\u00B3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "LPT\u00B9", "LPT\u00B2", "LPT\u00B3");

    private SafeFileName() {
    }

    /**
     * The last component of whatever path {@code offered} holds, with control, format (bidi overrides, zero-width)
     * and unpaired surrogate characters removed, other spaces made plain, no leading dots or spaces (no hidden
     * file) nor trailing ones (which Windows drops), device names prefixed, and cut to {@link #MAX_NAME_BYTES}
     * at a character boundary.
     */
    static String of(String offered) {
        String name = offered == null ? "" : offered;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = visibleCharacters(name);
        name = WINDOWS_FORBIDDEN.matcher(name).replaceAll("_");
        name = trim(name);
        name = shorten(name);
        if (name.isEmpty()) {
            return FALLBACK_NAME;
        }
        return isDevice(name) ? RESERVED_PREFIX + name : name;
    }

    private static String visibleCharacters(String name) {
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR -> {
                    // dropped: invisible, or reorders or breaks what the user reads
                }
                case Character.SPACE_SEPARATOR -> kept.append(' ');
                default -> kept.appendCodePoint(c);
            }
        });
        return kept.toString();
    }

    /** Without leading dots and spaces (in any order) and trailing ones. */
    private static String trim(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    /** Cut to the byte limit at a character boundary, keeping a short extension. */
    private static String shorten(String name) {
        if (bytes(name) <= MAX_NAME_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && bytes(name.substring(dot)) <= MAX_EXTENSION_BYTES ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        return trim(cut(stem, MAX_NAME_BYTES - bytes(extension))) + extension;
    }

    /** The longest prefix of whole characters that fits {@code limit} UTF-8 bytes. */
    private static String cut(String text, int limit) {
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int c = text.codePointAt(end);
            int size = bytes(new String(Character.toChars(c)));
            if (used + size > limit) {
                break;
            }
            used += size;
            end += Character.charCount(c);
        }
        return text.substring(0, end);
    }

    private static boolean isDevice(String name) {
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).strip();
        return DEVICES.contains(stem.toUpperCase(Locale.ROOT));
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
