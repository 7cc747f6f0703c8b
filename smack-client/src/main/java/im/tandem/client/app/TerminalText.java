package im.tandem.client.app;

/**
 * Text that others wrote (message bodies, names, file names), made safe to print on a terminal. A line break in a
 * body would start a line that looks like another sender's; an escape sequence could move the cursor or rewrite
 * the screen; a bidi override could show a name or link reversed. Each such character is shown instead as a visible
 * escape: {@code \n}, {@code \r}, {@code \t}, and {@code \u001B} style for the rest.
 */
final class TerminalText {
    private TerminalText() {
    }

    /** The text with every control, line-break and bidi-formatting character escaped. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isUnsafe(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /**
     * C0 and C1 controls and DEL (which include the escape character and the next-line character U+0085), the line
     * and paragraph separators, and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
     */
    private static boolean isUnsafe(int c) {
        return Character.getType(c) == Character.CONTROL
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
