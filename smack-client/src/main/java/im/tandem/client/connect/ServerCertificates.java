package im.tandem.client.connect;

import java.util.Optional;

import org.jivesoftware.smack.ConnectionConfiguration;

/**
 * The check of the server's certificate for one connection, as the client's configuration asks: set into Smack's
 * configuration before connecting, and asked afterwards whether a failed connection was a refused certificate.
 */
public final class ServerCertificates {
    private final ServerTrust trust;
    private final String host;

    private ServerCertificates(ServerTrust trust, String host) {
        this.trust = trust;
        this.host = host;
    }

    public static ServerCertificates checking(ClientConfig config) {
        return new ServerCertificates(ServerTrust.withSystemAuthorities(config.certificateTrust()), config.host());
    }

    /** Has Smack ask this check about the chain and the domain. */
    public void applyTo(ConnectionConfiguration.Builder<?, ?> smackConfig) {
        smackConfig.setCustomX509TrustManager(trust).setHostnameVerifier(trust);
    }

    /** When {@code failure} came of refusing the server's certificate: the refusal, in the user's words. */
    public Optional<UntrustedCertificateException> refused(Exception failure) {
        return trust.refusal().map(refusal -> new UntrustedCertificateException(host, refusal.reason(),
                refusal.fingerprint(), failure));
    }
}
