package im.tandem.client.connect;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate's SHA-256 fingerprint, written as browsers and {@code openssl x509 -fingerprint -sha256} write it:
 * upper-case hex bytes separated by colons. What a user types is read with or without the colons, in either case.
 */
public record CertificateFingerprint(String hex) {
    /** A SHA-256 digest in hex digits. */
    private static final int HEX_DIGITS = 64;

    public CertificateFingerprint {
        if (!hex.matches("[0-9A-F]{" + HEX_DIGITS + "}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is " + HEX_DIGITS + " hex digits, got '" + hex
                    + "'");
        }
    }

    /** The fingerprint of the certificate's DER encoding. */
    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new CertificateFingerprint(HexFormat.of().withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot take the certificate's SHA-256 fingerprint", e);
        }
    }

    /**
     * Reads a fingerprint as the user gave it to {@code option}.
     *
     * @throws IllegalArgumentException naming the option, for anything but 32 hex bytes
     */
    public static CertificateFingerprint parse(String option, String text) {
        String digits = text.strip().replace(":", "").toUpperCase(Locale.ROOT);
        if (!digits.matches("[0-9A-F]{" + HEX_DIGITS + "}")) {
            throw new IllegalArgumentException(option + " takes the server certificate's SHA-256 fingerprint: "
                    + HEX_DIGITS + " hex digits, with or without colons (as the refusal to connect shows it); got '"
                    + text + "'");
        }
        return new CertificateFingerprint(digits);
    }

    /** {@code AB:CD:...}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            text.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return text.toString();
    }
}
