package im.tandem.it.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Reading what the SMTP server received: parts, headers, one-time codes. */
public final class Mails {
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private Mails() {
    }

    /** The six-digit code in a verification email's subject. */
    public static String code(MimeMessage message) throws MessagingException {
        Matcher matcher = CODE.matcher(message.getSubject());
        if (!matcher.find()) {
            throw new AssertionError("no code in the subject '" + message.getSubject() + "'");
        }
        return matcher.group(1);
    }

    public static String header(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? "" : values[0];
    }

    /**
     * The text of every part with the given content type (text/plain, text/html). Parts are read as raw
     * streams: Openfire's javax.mail on this classpath registers content handlers that jakarta.mail would
     * otherwise pick up and fail on.
     */
    public static List<String> parts(MimeMessage message, String contentType) throws MessagingException, IOException {
        List<String> texts = new ArrayList<>();
        collect(message, contentType, part -> {
            String charset = new ContentType(part.getContentType()).getParameter("charset");
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), charset == null ? "US-ASCII" : charset);
            }
        }, texts);
        return texts;
    }

    /** The decoded content of every attachment with the given content type (such as application/pdf). */
    public static List<byte[]> attachments(MimeMessage message, String contentType)
            throws MessagingException, IOException {
        List<byte[]> files = new ArrayList<>();
        collect(message, contentType, part -> {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }, files);
        return files;
    }

    /** Reads one part of the wanted type. */
    @FunctionalInterface
    private interface PartReader<T> {
        T read(Part part) throws MessagingException, IOException;
    }

    private static <T> void collect(Part part, String contentType, PartReader<T> reader, List<T> found)
            throws MessagingException, IOException {
        if (part.isMimeType(contentType)) {
            found.add(reader.read(part));
        } else if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), contentType, reader, found);
            }
        }
    }
}
