package im.tandem.client.connect;

/**
 * Which server certificate a TLS connection accepts: one the system's certificate authorities vouch for, issued for
 * the server's domain (the default); exactly one certificate, whatever it says (a pin, {@code --trust-cert}); or any
 * at all ({@code --insecure}), which leaves the connection open to whoever sits between client and server.
 */
public sealed interface CertificateTrust {
    /** Verified against the system's trusted certificate authorities and the server's domain. */
    record Verified() implements CertificateTrust {
    }

    /** Exactly this certificate; any other is refused, and its names are not checked. */
    record Pinned(CertificateFingerprint fingerprint) implements CertificateTrust {
    }

    /** Any certificate: encryption without knowing who is at the other end. */
    record Anything() implements CertificateTrust {
    }
}
