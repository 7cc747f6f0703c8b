package im.tandem.client.file.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import im.tandem.client.file.element.FileHash;

class FileDigestsTest {
    private static final byte[] CONTENT = "hello, file".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchingHashesMakeTheFileIntact() throws Exception {
        FileDigests digests = digestsOf(List.of("sha-1", "sha-256"));

        FileDigests.Verdict verdict = digests.verify(List.of(hash("sha-256", "SHA-256"), hash("sha-1", "SHA-1")));

        assertThat(verdict.intact()).isTrue();
        assertThat(digests.sha256Hex()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(CONTENT)));
    }

    @Test
    void anyMismatchDamagesTheFileEvenWhenAnotherHashMatches() throws Exception {
        FileDigests digests = digestsOf(List.of("sha-1"));
        byte[] wrong = MessageDigest.getInstance("SHA-1").digest(CONTENT);
        wrong[0] ^= 1;

        FileDigests.Verdict verdict = digests.verify(List.of(hash("sha-256", "SHA-256"), FileHash.of("sha-1", wrong)));

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.problem()).contains("sha-1 mismatch");
    }

    @Test
    void theHexDigestsTextAsLiberviaEncodesItMatchesToo() throws Exception {
        FileDigests digests = digestsOf(List.of());
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT));

        FileDigests.Verdict verdict = digests.verify(List.of(FileHash.of("sha-256",
                hex.getBytes(StandardCharsets.US_ASCII))));

        assertThat(verdict.intact()).isTrue();
    }

    @Test
    void theHexTextOfAnotherDigestIsStillAMismatch() throws Exception {
        FileDigests digests = digestsOf(List.of());
        byte[] other = MessageDigest.getInstance("SHA-256").digest("another file".getBytes(StandardCharsets.UTF_8));

        FileDigests.Verdict verdict = digests.verify(List.of(FileHash.of("sha-256",
                HexFormat.of().formatHex(other).getBytes(StandardCharsets.US_ASCII))));

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.problem()).contains("sha-256 mismatch");
    }

    @Test
    void withoutAHashWeCanCheckTheFileIsNotIntact() {
        FileDigests digests = digestsOf(List.of("blake2b-256"));

        FileDigests.Verdict verdict = digests.verify(List.of(FileHash.of("blake2b-256", new byte[32]),
                FileHash.announced("sha-256")));

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.problem()).contains("no hash to check");
    }

    private static FileDigests digestsOf(List<String> algorithms) {
        FileDigests digests = new FileDigests(algorithms);
        digests.update(CONTENT, 0, 5);
        digests.update(CONTENT, 5, CONTENT.length - 5);
        digests.finish();
        return digests;
    }

    private static FileHash hash(String algorithm, String javaName) throws Exception {
        return FileHash.of(algorithm, MessageDigest.getInstance(javaName).digest(CONTENT));
    }
}
