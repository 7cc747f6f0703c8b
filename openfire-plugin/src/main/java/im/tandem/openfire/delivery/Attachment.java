package im.tandem.openfire.delivery;

import java.util.Objects;

/** A file sent along with a message, such as a fax page as PDF. The bytes are copied in and out. */
public record Attachment(String fileName, String contentType, byte[] content) {
    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
