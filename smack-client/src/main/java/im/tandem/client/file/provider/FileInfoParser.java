package im.tandem.client.file.provider;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.element.FileRange;
import im.tandem.client.jingle.provider.JingleParseException;
import im.tandem.client.jingle.provider.StrictXml;

/**
 * Parses XEP-0234's {@code <file/>}, in a description or a checksum. Each child at most once (hashes excepted),
 * sizes and offsets as non-negative decimals, the date as XEP-0082 DateTime, hashes as base64 (XEP-0300).
 * Metadata from other namespaces (thumbnails, XEP-0300's {@code <hash-used/>}) is skipped; an unknown element of
 * the file-transfer namespace is an error.
 */
final class FileInfoParser {
    private static final String ELEMENT = FileInfo.ELEMENT;
    /** Digits only, at most 18 so that the value fits a long. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    private FileInfoParser() {
    }

    /** Reads the {@code <file/>} the parser is on, leaving the parser on its end tag. */
    static FileInfo parse(XmlPullParser parser) throws XmlPullParserException, IOException, JingleParseException {
        int depth = parser.getDepth();
        FileInfo.Builder file = FileInfo.builder();
        try {
            while (StrictXml.nextChild(parser, depth, ELEMENT)) {
                String name = parser.getName();
                String namespace = parser.getNamespace();
                if (FileHash.NAMESPACE.equals(namespace) && FileHash.ELEMENT.equals(name)) {
                    file.hash(hash(parser));
                } else if (!FileDescription.NAMESPACE.equals(namespace)) {
                    StrictXml.skip(parser);
                } else {
                    child(parser, name, file);
                }
            }
            return file.build();
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }

    private static void child(XmlPullParser parser, String name, FileInfo.Builder file)
            throws XmlPullParserException, IOException, JingleParseException {
        switch (name) {
            case FileInfo.NAME -> file.name(text(parser, name));
            case FileInfo.MEDIA_TYPE -> file.mediaType(text(parser, name).strip());
            case FileInfo.DESC -> file.description(text(parser, name));
            case FileInfo.SIZE -> file.size(size(text(parser, name).strip()));
            case FileInfo.DATE -> file.date(date(text(parser, name).strip()));
            case FileRange.ELEMENT -> file.range(range(parser));
            default -> throw new JingleParseException("<file/> has no <" + name + "/> element");
        }
    }

    private static String text(XmlPullParser parser, String name)
            throws XmlPullParserException, IOException, JingleParseException {
        return StrictXml.text(parser, parser.getDepth(), name);
    }

    private static long size(String value) throws JingleParseException {
        if (!DECIMAL.matcher(value).matches()) {
            throw new JingleParseException("<file/> <size/> must be a non-negative decimal number, got '" + value + "'");
        }
        return Long.parseLong(value);
    }

    private static Instant date(String value) throws JingleParseException {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new JingleParseException("<file/> <date/> must be an XEP-0082 DateTime such as "
                    + "1969-07-21T02:56:15Z, got '" + value + "'");
        }
    }

    private static FileRange range(XmlPullParser parser)
            throws XmlPullParserException, IOException, JingleParseException {
        String offset = StrictXml.optional(parser, FileRange.ATTR_OFFSET);
        String length = StrictXml.optional(parser, FileRange.ATTR_LENGTH);
        FileRange range = new FileRange(offset == null ? 0 : StrictXml.number(offset, FileRange.ELEMENT,
                FileRange.ATTR_OFFSET), length == null ? OptionalLong.empty()
                : OptionalLong.of(StrictXml.number(length, FileRange.ELEMENT, FileRange.ATTR_LENGTH)));
        // A range in a checksum may carry the hashes of that range; we never ask for ranges, so they are skipped.
        StrictXml.skip(parser);
        return range;
    }

    private static FileHash hash(XmlPullParser parser)
            throws XmlPullParserException, IOException, JingleParseException {
        String algorithm = StrictXml.required(parser, FileHash.ELEMENT, FileHash.ATTR_ALGO);
        String value = StrictXml.text(parser, parser.getDepth(), FileHash.ELEMENT).replaceAll("\\s", "");
        if (value.isEmpty()) {
            return FileHash.announced(algorithm);
        }
        try {
            return FileHash.of(algorithm, Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            throw new JingleParseException("<hash/> must hold base64, got '" + value + "'");
        }
    }
}
