package im.tandem.client.file.element;

import java.util.OptionalLong;

import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * XEP-0234's {@code <range offset='…' length='…'/>}: part of a file, for a transfer resumed after an interruption.
 * We never offer ranges; the parser reads them so that a partial offer can be refused rather than misread.
 *
 * @param offset where the data starts, 0 by default
 * @param length how many bytes follow, or empty for the rest of the file
 */
public record FileRange(long offset, OptionalLong length) {
    public static final String ELEMENT = "range";
    public static final String ATTR_OFFSET = "offset";
    public static final String ATTR_LENGTH = "length";

    public FileRange {
        if (offset < 0 || length.isPresent() && length.getAsLong() < 0) {
            throw new IllegalArgumentException("<range/> offset and length must not be negative");
        }
    }

    /** Whether this range is the whole file, as an empty {@code <range/>} is. */
    public boolean isWholeFile() {
        return offset == 0 && length.isEmpty();
    }

    void appendTo(XmlStringBuilder xml) {
        xml.halfOpenElement(ELEMENT);
        if (offset != 0) {
            xml.attribute(ATTR_OFFSET, offset);
        }
        length.ifPresent(value -> xml.attribute(ATTR_LENGTH, value));
        xml.closeEmptyElement();
    }
}
