package im.tandem.client.connect;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.java7.XmppHostnameVerifier;

/**
 * Decides on the server's certificate during one connection's TLS handshake, as {@link CertificateTrust} says, and
 * remembers why it refused one, so that the failed login can tell the user in plain words instead of the TLS
 * library's. Smack asks the trust manager about the chain, then the hostname verifier about the XMPP domain.
 */
final class ServerTrust implements X509TrustManager, HostnameVerifier {
    /** Subject alternative name type of a DNS name (RFC 5280 4.2.1.6). */
    private static final int DNS_NAME = 2;

    /** Why a certificate was refused, and which. */
    record Refusal(String reason, CertificateFingerprint fingerprint) {
    }

    private final CertificateTrust trust;
    private final X509TrustManager system;
    private final HostnameVerifier names;
    private volatile Refusal refusal;

    ServerTrust(CertificateTrust trust, X509TrustManager system, HostnameVerifier names) {
        this.trust = trust;
        this.system = system;
        this.names = names;
    }

    /** With the system's certificate authorities and Smack's check of the XMPP domain (RFC 6125). */
    static ServerTrust withSystemAuthorities(CertificateTrust trust) {
        return new ServerTrust(trust, systemTrustManager(), new XmppHostnameVerifier());
    }

    /** Why the certificate was refused, if it was. */
    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        X509Certificate certificate = chain[0];
        if (trust instanceof CertificateTrust.Anything) {
            return;
        }
        if (trust instanceof CertificateTrust.Pinned pinned) {
            if (!CertificateFingerprint.of(certificate).equals(pinned.fingerprint())) {
                throw refused(certificate, "it is not the certificate --trust-cert names (" + pinned.fingerprint()
                        + ")", null);
            }
            return;
        }
        try {
            system.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refused(certificate, inWords(e, chain), e);
        }
    }

    @Override
    public boolean verify(String domain, SSLSession session) {
        if (!(trust instanceof CertificateTrust.Verified)) {
            return true; // a pinned certificate was accepted for itself, whatever names it holds
        }
        if (names.verify(domain, session)) {
            return true;
        }
        try {
            if (session.getPeerCertificates()[0] instanceof X509Certificate certificate) {
                refusal = new Refusal("it is issued for " + namesOf(certificate) + ", not for " + domain,
                        CertificateFingerprint.of(certificate));
            }
        } catch (SSLPeerUnverifiedException e) {
            // no certificate to describe: Smack's own failure stands
        }
        return false;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        system.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }

    private CertificateException refused(X509Certificate certificate, String reason, CertificateException cause) {
        refusal = new Refusal(reason, CertificateFingerprint.of(certificate));
        CertificateException refused = new CertificateException("the server's certificate is not trusted: " + reason);
        refused.initCause(cause);
        return refused;
    }

    /** The Java runtime's reason for refusing a chain, as a user would say it. */
    static String inWords(CertificateException refusal, X509Certificate[] chain) {
        X509Certificate certificate = chain[0];
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "it expired on " + certificate.getNotAfter().toInstant();
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "it is not valid before " + certificate.getNotBefore().toInstant();
            }
            if (cause instanceof CertPathValidatorException validation
                    && validation.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                return "its issuer revoked it";
            }
            if (cause instanceof CertPathBuilderException) {
                return isSelfSigned(chain)
                        ? "it is self-signed (it vouches for itself), and no certificate authority this system trusts"
                                + " vouches for it"
                        : "no certificate authority this system trusts vouches for it (its issuer is "
                                + chain[chain.length - 1].getIssuerX500Principal().getName() + ")";
            }
        }
        return "the Java runtime refused it: " + refusal.getMessage();
    }

    private static boolean isSelfSigned(X509Certificate[] chain) {
        return chain.length == 1 && chain[0].getSubjectX500Principal().equals(chain[0].getIssuerX500Principal());
    }

    /** The DNS names a certificate is issued for, or its subject when it names none. */
    static String namesOf(X509Certificate certificate) {
        List<String> dnsNames = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    if (name.get(0) instanceof Integer type && type == DNS_NAME) {
                        dnsNames.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // described by its subject below
        }
        return dnsNames.isEmpty() ? certificate.getSubjectX500Principal().getName() : String.join(", ", dnsNames);
    }

    private static X509TrustManager systemTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the Java runtime has no X.509 trust manager"));
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("cannot read the system's trusted certificate authorities", e);
        }
    }
}
