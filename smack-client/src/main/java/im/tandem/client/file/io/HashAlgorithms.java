package im.tandem.client.file.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

import im.tandem.client.file.element.FileHash;

/** The XEP-0300 hash names (IANA's textual names) this JDK can compute, with their Java names. */
public final class HashAlgorithms {
    private static final Map<String, String> JAVA_NAMES = Map.of(
            "sha-1", "SHA-1",
            "sha-224", "SHA-224",
            FileHash.SHA_256, "SHA-256",
            "sha-384", "SHA-384",
            "sha-512", "SHA-512",
            "sha3-256", "SHA3-256",
            "sha3-384", "SHA3-384",
            "sha3-512", "SHA3-512");

    private HashAlgorithms() {
    }

    /** A fresh digest for the XEP-0300 name, empty when we cannot compute that hash (blake2b, say). */
    public static Optional<MessageDigest> digest(String algorithm) {
        String javaName = JAVA_NAMES.get(algorithm);
        if (javaName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(javaName));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** SHA-256, which every JDK has and XEP-0300 requires. */
    public static MessageDigest sha256() {
        return digest(FileHash.SHA_256).orElseThrow(() -> new IllegalStateException("this JDK has no SHA-256"));
    }
}
