package im.tandem.openfire.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays a {@link FaxPage} out on one PDF page in Liberation Sans, the font PDFBox itself carries (Latin, Greek and
 * Cyrillic), embedded as a subset so that any fax gateway prints it alike. Long lines wrap at the margin; what does
 * not fit on the page is left out with a line saying so, since a fax of several pages for one digest costs more
 * than it tells.
 */
public final class FaxPdf {
    /** The font inside PDFBox's own jar; nothing else has to be bundled for it. */
    static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    /** Two centimetres of margin: fax machines lose a few millimetres at every edge. */
    private static final float MARGIN = 56;
    private static final float TITLE_SIZE = 20;
    /** Large enough for a code to be read off a blurred fax without doubt between 3 and 8. */
    private static final float HEADLINE_SIZE = 32;
    private static final float TEXT_SIZE = 11;
    private static final float HEADING_SIZE = 13;
    /** Line height as a multiple of the font size. */
    private static final float LEADING = 1.45f;
    /** Indent of a block's lines under its heading. */
    private static final float INDENT = 14;
    static final String CUT = "(more not shown: log in to read everything)";

    private FaxPdf() {
    }

    /** The page as PDF bytes. */
    public static byte[] render(FaxPage page, PageSize size) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font;
            try (InputStream in = FaxPdf.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the font " + FONT_RESOURCE + " is missing from the class path");
                }
                font = PDType0Font.load(document, in, true);
            }
            PDRectangle box = size.box();
            PDPage pdfPage = new PDPage(box);
            document.addPage(pdfPage);
            document.getDocumentInformation().setTitle(page.title());
            document.getDocumentInformation().setCreator("Tandem");
            try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
                new Layout(content, font, box).write(page);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            // Everything happens in memory: an IOException here is a broken library or font, not bad input.
            throw new UncheckedIOException("cannot make the fax page", e);
        }
    }

    /** Writes lines from the top of the page down, as long as they fit above the footer. */
    private static final class Layout {
        private final PDPageContentStream content;
        private final PDType0Font font;
        private final FontCoverage coverage;
        private final float width;
        private final float bottom;
        private float y;
        private boolean full;

        Layout(PDPageContentStream content, PDType0Font font, PDRectangle box) {
            this.content = content;
            this.font = font;
            this.coverage = new FontCoverage(font);
            this.width = box.getWidth() - 2 * MARGIN;
            // Room for the footer's lines below everything else.
            this.bottom = MARGIN + 3 * TEXT_SIZE * LEADING;
            this.y = box.getHeight() - MARGIN;
        }

        void write(FaxPage page) throws IOException {
            paragraph(page.title(), TITLE_SIZE, 0);
            space(TEXT_SIZE);
            paragraph(page.headline(), HEADLINE_SIZE, 0);
            space(TEXT_SIZE);
            for (FaxPage.Field field : page.fields()) {
                paragraph(field.label() + ": " + field.value(), TEXT_SIZE, 0);
            }
            for (FaxPage.Block block : page.blocks()) {
                space(TEXT_SIZE);
                paragraph(block.heading(), HEADING_SIZE, 0);
                for (String line : block.lines()) {
                    paragraph(line, TEXT_SIZE, INDENT);
                }
            }
            if (full) {
                y = bottom + TEXT_SIZE * LEADING;
                line(CUT, TEXT_SIZE, 0);
            }
            y = bottom - TEXT_SIZE * LEADING;
            List<String> footer = wrap(coverage.showable(page.footer()), TEXT_SIZE, width);
            for (String line : footer.subList(0, Math.min(2, footer.size()))) {
                line(line, TEXT_SIZE, 0);
            }
        }

        private void paragraph(String text, float size, float indent) throws IOException {
            for (String line : wrap(coverage.showable(text), size, width - indent)) {
                if (full || y - size * LEADING < bottom + TEXT_SIZE * LEADING) {
                    full = true;
                    return;
                }
                line(line, size, indent);
            }
        }

        private void line(String text, float size, float indent) throws IOException {
            y -= size * LEADING;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN + indent, y);
            content.showText(text);
            content.endText();
        }

        private void space(float height) {
            y -= height * 0.5f;
        }

        /** Breaks at spaces where it can, inside a word where one word is wider than the line. */
        private List<String> wrap(String text, float size, float room) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.strip().split(" +")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (fits(candidate, size, room)) {
                    current.setLength(0);
                    current.append(candidate);
                    continue;
                }
                if (!current.isEmpty()) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                String rest = word;
                while (!fits(rest, size, room)) {
                    int cut = longestFit(rest, size, room);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                current.append(rest);
            }
            if (!current.isEmpty() || lines.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }

        private int longestFit(String word, float size, float room) throws IOException {
            int end = word.offsetByCodePoints(0, 1);
            while (end < word.length()) {
                int next = word.offsetByCodePoints(end, 1);
                if (!fits(word.substring(0, next), size, room)) {
                    break;
                }
                end = next;
            }
            return end;
        }

        private boolean fits(String text, float size, float room) throws IOException {
            return font.getStringWidth(text) / 1000 * size <= room;
        }
    }
}
