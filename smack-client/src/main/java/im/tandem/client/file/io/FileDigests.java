package im.tandem.client.file.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import im.tandem.client.file.element.FileHash;

/**
 * The hashes computed over a file while it passes: always SHA-256 (what we report), plus every other algorithm
 * the sender named that we can compute, so that whichever hash it gives can be checked.
 */
public final class FileDigests {
    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    private Map<String, byte[]> results;

    public FileDigests(List<String> algorithms) {
        digests.put(FileHash.SHA_256, HashAlgorithms.sha256());
        for (String algorithm : algorithms) {
            if (!digests.containsKey(algorithm)) {
                HashAlgorithms.digest(algorithm).ifPresent(digest -> digests.put(algorithm, digest));
            }
        }
    }

    public void update(byte[] data, int offset, int length) {
        digests.values().forEach(digest -> digest.update(data, offset, length));
    }

    /** Completes the hashes; call once, after the last byte. */
    public void finish() {
        Map<String, byte[]> done = new LinkedHashMap<>();
        digests.forEach((algorithm, digest) -> done.put(algorithm, digest.digest()));
        results = done;
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(result(FileHash.SHA_256).orElseThrow());
    }

    /**
     * Checks the sender's hashes against ours: every hash with a value that we computed must match, and at least
     * one must have been compared.
     */
    public Verdict verify(List<FileHash> expected) {
        boolean compared = false;
        for (FileHash hash : expected) {
            Optional<byte[]> value = hash.value();
            Optional<byte[]> ours = result(hash.algorithm());
            if (value.isPresent() && ours.isPresent()) {
                if (!sameDigest(value.get(), ours.get())) {
                    return new Verdict(false, hash.algorithm() + " mismatch: the file arrived damaged");
                }
                compared = true;
            }
        }
        return compared ? new Verdict(true, "") : new Verdict(false,
                "no hash to check the file against (offered " + expected + ")");
    }

    /**
     * Libervia 0.9 (Debian 12's libervia-backend) puts the base64 of the hex digest's text in a hash element
     * instead of the base64 of the digest; that text names the same digest, so it is accepted too. Its lengths
     * differ from a digest's, so neither form can be taken for the other.
     */
    private static boolean sameDigest(byte[] given, byte[] ours) {
        return Arrays.equals(given, ours)
                || Arrays.equals(given, HexFormat.of().formatHex(ours).getBytes(StandardCharsets.US_ASCII));
    }

    private Optional<byte[]> result(String algorithm) {
        if (results == null) {
            throw new IllegalStateException("the digests are not finished");
        }
        return Optional.ofNullable(results.get(algorithm));
    }

    /** Whether the file is intact, and if not, why. */
    public record Verdict(boolean intact, String problem) {
    }
}
