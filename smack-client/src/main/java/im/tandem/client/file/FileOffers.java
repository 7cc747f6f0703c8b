package im.tandem.client.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.io.HashAlgorithms;
import im.tandem.client.file.io.Pumps;
import im.tandem.client.file.transport.TransportMethod;

/** What we say about a file we offer. */
final class FileOffers {
    /** When the file's type cannot be guessed (XEP-0234's default). */
    static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";

    private FileOffers() {
    }

    /**
     * Name, size, media type, modification time and the SHA-256 of the content, read once here: XEP-0234 lets
     * the hash follow later, but sending it with the offer lets every receiver check the file.
     */
    static FileDescription describe(Path file) throws IOException {
        MessageDigest sha256 = HashAlgorithms.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[Pumps.BUFFER_SIZE];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        return new FileDescription(FileInfo.builder()
                .name(file.getFileName().toString())
                .size(Files.size(file))
                .mediaType(Optional.ofNullable(Files.probeContentType(file)).orElse(DEFAULT_MEDIA_TYPE))
                .date(Files.getLastModifiedTime(file).toInstant())
                .hash(FileHash.of(FileHash.SHA_256, sha256.digest()))
                .build());
    }

    /**
     * The transports to offer a file of {@code size} bytes over, from those the peer and we share in our order.
     * An empty file goes in-band first when in-band is among them: there is nothing to carry, and a stream
     * costs a connection for nothing; Libervia 0.9, receiving over SOCKS5, even waits forever for the first byte
     * before it counts the stream as used.
     */
    static List<TransportMethod> plan(List<TransportMethod> shared, long size) {
        if (size > 0 || !shared.contains(TransportMethod.IBB)) {
            return shared;
        }
        return Stream.concat(Stream.of(TransportMethod.IBB),
                shared.stream().filter(method -> method != TransportMethod.IBB)).toList();
    }
}
