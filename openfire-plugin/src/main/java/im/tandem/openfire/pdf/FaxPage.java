package im.tandem.openfire.pdf;

import java.util.List;
import java.util.Objects;

/**
 * What one faxed page says, before it is laid out: a title, one line in large print (a code, a count), labelled
 * facts (server, recipient), blocks of text (a sender and their messages) and a footer. Text is as users wrote it;
 * the layout wraps it and shows what the font cannot.
 */
public record FaxPage(String title, String headline, List<Field> fields, List<Block> blocks, String footer) {
    public FaxPage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(headline, "headline");
        fields = List.copyOf(fields);
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(footer, "footer");
    }

    /** A labelled fact, such as "To: alice@example.org". */
    public record Field(String label, String value) {
        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A heading with its lines, such as a sender with the first lines of their messages. */
    public record Block(String heading, List<String> lines) {
        public Block {
            Objects.requireNonNull(heading, "heading");
            lines = List.copyOf(lines);
        }
    }
}
