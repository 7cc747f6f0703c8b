package im.tandem.openfire.pdf;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Makes text showable in one font: each character the font has no glyph for (Chinese, Japanese and Korean
 * script, emoji, with the bundled Liberation Sans) becomes {@link #MISSING}, control characters become spaces.
 * Writing a character without a glyph would make PDFBox refuse the whole page.
 */
final class FontCoverage {
    /** Shown for a character the font lacks: a visible mark, unlike the blank box a viewer might draw. */
    static final String MISSING = "?";

    private final PDFont font;

    FontCoverage(PDFont font) {
        this.font = font;
    }

    String showable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
                shown.append(' ');
            } else if (has(codePoint)) {
                shown.appendCodePoint(codePoint);
            } else if (!invisible(codePoint)) {
                shown.append(MISSING);
            }
        });
        return shown.toString();
    }

    /** Joiners, direction marks and emoji variation selectors take no room: without a glyph they are left out. */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK;
    }

    private boolean has(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
