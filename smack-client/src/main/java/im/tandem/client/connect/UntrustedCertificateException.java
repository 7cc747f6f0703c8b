package im.tandem.client.connect;

import java.io.IOException;

/**
 * The server's certificate was refused. The message says why, gives the certificate's fingerprint, and tells how the
 * user can trust it, in words meant for the user.
 */
public final class UntrustedCertificateException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient CertificateFingerprint fingerprint;

    UntrustedCertificateException(String host, String reason, CertificateFingerprint fingerprint, Throwable cause) {
        super("the server " + host + " presented a certificate that is not trusted: " + reason
                + ". Its SHA-256 fingerprint is " + fingerprint + ". If you know this is your server's certificate"
                + " (its admin can compare the fingerprint), connect with --trust-cert " + fingerprint
                + " to accept exactly this certificate; or with --insecure to accept any certificate at all, which"
                + " lets anyone between you and the server read and change everything", cause);
        this.fingerprint = fingerprint;
    }

    /** The refused certificate's fingerprint, as {@code --trust-cert} takes it. */
    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }
}
