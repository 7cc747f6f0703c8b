package im.tandem.client.file.element;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * XEP-0234's {@code <file/>}: what is known about the file of a transfer. Every part is optional on the wire; an
 * offer we send always has a name, the size, the media type, the modification date and a sha-256 hash.
 */
public final class FileInfo implements ExtensionElement {
    public static final String ELEMENT = "file";
    public static final String DATE = "date";
    public static final String DESC = "desc";
    public static final String MEDIA_TYPE = "media-type";
    public static final String NAME = "name";
    public static final String SIZE = "size";

    private final String name;
    private final String mediaType;
    private final Instant date;
    private final String description;
    private final Long size;
    private final FileRange range;
    private final List<FileHash> hashes;

    private FileInfo(Builder builder) {
        this.name = builder.name;
        this.mediaType = builder.mediaType;
        this.date = builder.date;
        this.description = builder.description;
        if (builder.size != null && builder.size < 0) {
            throw new IllegalArgumentException("<file/> <size/> must not be negative, got " + builder.size);
        }
        this.size = builder.size;
        this.range = builder.range;
        this.hashes = List.copyOf(builder.hashes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /** The file's last modification time. */
    public Optional<Instant> date() {
        return Optional.ofNullable(date);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public OptionalLong size() {
        return size == null ? OptionalLong.empty() : OptionalLong.of(size);
    }

    public Optional<FileRange> range() {
        return Optional.ofNullable(range);
    }

    public List<FileHash> hashes() {
        return hashes;
    }

    /** The same file with other hashes, as a checksum carries them. */
    public FileInfo withHashes(List<FileHash> replacement) {
        Builder builder = new Builder();
        builder.name = name;
        builder.mediaType = mediaType;
        builder.date = date;
        builder.description = description;
        builder.size = size;
        builder.range = range;
        replacement.forEach(builder::hash);
        return builder.build();
    }

    @Override
    public String getNamespace() {
        return FileDescription.NAMESPACE;
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace).rightAngleBracket();
        if (date != null) {
            xml.element(DATE, DateTimeFormatter.ISO_INSTANT.format(date));
        }
        xml.optElement(DESC, description);
        xml.optElement(MEDIA_TYPE, mediaType);
        xml.optElement(NAME, name);
        if (range != null) {
            range.appendTo(xml);
        }
        if (size != null) {
            xml.element(SIZE, Long.toString(size));
        }
        xml.append(hashes);
        return xml.closeElement(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileInfo other && Objects.equals(name, other.name)
                && Objects.equals(mediaType, other.mediaType) && Objects.equals(date, other.date)
                && Objects.equals(description, other.description) && Objects.equals(size, other.size)
                && Objects.equals(range, other.range) && hashes.equals(other.hashes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mediaType, date, description, size, range, hashes);
    }

    @Override
    public String toString() {
        return "file " + (name != null ? "'" + name + "'" : "(no name)") + (size != null ? ", " + size + " bytes" : "")
                + (hashes.isEmpty() ? "" : ", " + hashes);
    }

    /** Collects the parts of a {@code <file/>}; each may be set once, as the schema allows. */
    public static final class Builder {
        private String name;
        private String mediaType;
        private Instant date;
        private String description;
        private Long size;
        private FileRange range;
        private final List<FileHash> hashes = new ArrayList<>();

        private Builder() {
        }

        public Builder name(String value) {
            name = once(name, value, NAME);
            return this;
        }

        public Builder mediaType(String value) {
            mediaType = once(mediaType, value, MEDIA_TYPE);
            return this;
        }

        public Builder date(Instant value) {
            date = once(date, value, DATE);
            return this;
        }

        public Builder description(String value) {
            description = once(description, value, DESC);
            return this;
        }

        public Builder size(long value) {
            size = once(size, value, SIZE);
            return this;
        }

        public Builder range(FileRange value) {
            range = once(range, value, FileRange.ELEMENT);
            return this;
        }

        public Builder hash(FileHash hash) {
            hashes.add(Objects.requireNonNull(hash, "hash"));
            return this;
        }

        public FileInfo build() {
            return new FileInfo(this);
        }

        private static <T> T once(T current, T value, String element) {
            if (current != null) {
                throw new IllegalArgumentException("<file/> may have one <" + element + "/>, got more");
            }
            return Objects.requireNonNull(value, element);
        }
    }
}
