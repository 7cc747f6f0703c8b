package im.tandem.ice.channel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as signalling carries it (XEP-0320, RFC 8122): a hash name and the hash of the DER
 * certificate, written as colon-separated upper-case hex pairs.
 */
public final class Fingerprint {

    /** The only hash we produce and accept: RFC 8122 names sha-256 as the hash every endpoint must support. */
    public static final String SHA_256 = "sha-256";

    private static final int SHA_256_LENGTH = 32;
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final byte[] hash;

    private Fingerprint(byte[] hash) {
        this.hash = hash;
    }

    /** The SHA-256 fingerprint of a certificate. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            return new Fingerprint(sha256().digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    /**
     * Parses a fingerprint received from signalling.
     *
     * @param algorithm the hash name, e.g. {@code sha-256} (case-insensitive, as RFC 8122 says)
     * @param value     colon-separated hex pairs
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Fingerprint parse(String algorithm, String value) {
        if (algorithm == null || !SHA_256.equals(algorithm.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("fingerprint hash '" + algorithm + "' is not supported; only "
                    + SHA_256 + " is");
        }
        byte[] hash;
        try {
            hash = COLON_HEX.parseHex(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fingerprint '" + value + "' is not colon-separated hex pairs", e);
        }
        if (hash.length != SHA_256_LENGTH) {
            throw new IllegalArgumentException("a " + SHA_256 + " fingerprint has " + SHA_256_LENGTH
                    + " bytes, '" + value + "' has " + hash.length);
        }
        return new Fingerprint(hash);
    }

    /** The hash name for signalling, always {@value #SHA_256}. */
    public String algorithm() {
        return SHA_256;
    }

    /** The hash as signalling writes it: upper-case hex pairs separated by colons. */
    public String value() {
        return COLON_HEX.formatHex(hash);
    }

    /** Compares in constant time so a peer cannot learn the expected hash byte by byte. */
    public boolean matches(X509Certificate certificate) {
        return MessageDigest.isEqual(hash, of(certificate).hash);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint other && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return SHA_256 + " " + value();
    }
}
