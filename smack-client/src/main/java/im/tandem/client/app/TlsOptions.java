package im.tandem.client.app;

import java.util.Optional;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;

import im.tandem.client.connect.CertificateFingerprint;
import im.tandem.client.connect.CertificateTrust;
import im.tandem.client.connect.ClientConfig;

/**
 * How the chat program secures its server connection, from the command line: TLS by the address's default, always
 * ({@code --tls}, even on loopback; also implied by {@code --trust-cert} and {@code --insecure}) or never
 * ({@code --no-tls}); and which certificate it accepts: a verified one, exactly the one {@code --trust-cert} names, or
 * any ({@code --insecure}).
 */
record TlsOptions(Optional<SecurityMode> mode, CertificateTrust trust) {
    static final String NO_TLS = "--no-tls";
    static final String TLS = "--tls";
    static final String TRUST_CERT = "--trust-cert";
    static final String INSECURE = "--insecure";
    /** Shown at every start with {@code --insecure}, so that it is never forgotten on. */
    static final String INSECURE_WARNING = "warning: " + INSECURE + " accepts any certificate from the server, so"
            + " anyone between you and it can read and change everything; use " + TRUST_CERT + " SHA256 instead";

    /**
     * The options, checked.
     *
     * @throws IllegalArgumentException naming the options that contradict each other, or a bad fingerprint
     */
    static TlsOptions of(boolean noTls, boolean tls, Optional<String> trustCert, boolean insecure) {
        if (noTls && tls) {
            throw new IllegalArgumentException(NO_TLS + " and " + TLS + " contradict each other: give one");
        }
        if (noTls && (trustCert.isPresent() || insecure)) {
            throw new IllegalArgumentException((insecure ? INSECURE : TRUST_CERT) + " is about the server's TLS"
                    + " certificate, and " + NO_TLS + " turns TLS off: give one");
        }
        if (trustCert.isPresent() && insecure) {
            throw new IllegalArgumentException(TRUST_CERT + " accepts one certificate and " + INSECURE
                    + " accepts any: give one");
        }
        // A pin or --insecure is a statement about the certificate TLS will show: it asks for TLS even where the
        // address alone (loopback, such as the near end of a tunnel) would go without, else the pin checks nothing.
        boolean certificateNamed = trustCert.isPresent() || insecure;
        Optional<SecurityMode> mode = noTls ? Optional.of(SecurityMode.disabled)
                : tls || certificateNamed ? Optional.of(SecurityMode.required) : Optional.empty();
        CertificateTrust trust = insecure ? new CertificateTrust.Anything()
                : trustCert.<CertificateTrust>map(pin -> new CertificateTrust.Pinned(
                        CertificateFingerprint.parse(TRUST_CERT, pin))).orElse(new CertificateTrust.Verified());
        return new TlsOptions(mode, trust);
    }

    void applyTo(ClientConfig.Builder builder) {
        mode.ifPresent(builder::securityMode);
        builder.certificateTrust(trust);
    }

    /** The warning to show before connecting, if the user switched the certificate check off. */
    Optional<String> warning() {
        return trust instanceof CertificateTrust.Anything ? Optional.of(INSECURE_WARNING) : Optional.empty();
    }
}
