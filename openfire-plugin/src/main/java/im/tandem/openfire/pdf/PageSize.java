package im.tandem.openfire.pdf;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** The paper a fax is laid out for: A4 in most of the world, Letter in North America. */
public enum PageSize {
    A4("a4", PDRectangle.A4),
    LETTER("letter", PDRectangle.LETTER);

    private final String id;
    private final PDRectangle box;

    PageSize(String id, PDRectangle box) {
        this.id = id;
        this.box = box;
    }

    public String id() {
        return id;
    }

    PDRectangle box() {
        return new PDRectangle(box.getWidth(), box.getHeight());
    }

    public static Optional<PageSize> byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(size -> size.id.equals(wanted)).findFirst();
    }
}
