package im.tandem.client.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which server certificates each kind of trust accepts, and why a refused one was refused, in a user's words. */
class ServerTrustTest {
    private static final String AUTH_TYPE = "ECDHE_ECDSA";
    private static final HostnameVerifier NO_NAME_MATCHES = (domain, session) -> false;

    @TempDir
    static Path directory;

    private static X509Certificate selfSigned;
    private static X509Certificate authority;
    private static X509Certificate current;
    private static X509Certificate expired;
    private static X509TrustManager trustingTheAuthority;

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificates make = new TestCertificates(directory);
        selfSigned = make.selfSigned("self.example.org");
        authority = make.authority("Test Authority");
        current = make.signed("Test Authority", "chat.example.org", "-1d", 30);
        expired = make.signed("Test Authority", "old.example.org", "-10d", 2);
        trustingTheAuthority = TestCertificates.trusting(authority);
    }

    @Test
    void aSelfSignedCertificateIsRefusedAsSuchWithItsFingerprint() {
        ServerTrust trust = new ServerTrust(new CertificateTrust.Verified(), trustingTheAuthority, NO_NAME_MATCHES);

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {selfSigned}, AUTH_TYPE))
                .isInstanceOf(CertificateException.class);

        assertThat(trust.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.reason()).startsWith("it is self-signed");
            assertThat(refusal.fingerprint()).isEqualTo(CertificateFingerprint.of(selfSigned));
        });
    }

    @Test
    void aCertificateOfATrustedAuthorityIsAcceptedAndAnExpiredOneRefusedSayingWhen() throws Exception {
        ServerTrust trust = new ServerTrust(new CertificateTrust.Verified(), trustingTheAuthority, NO_NAME_MATCHES);
        trust.checkServerTrusted(new X509Certificate[] {current, authority}, AUTH_TYPE);
        assertThat(trust.refusal()).isEmpty();

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {expired, authority}, AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
        assertThat(trust.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.reason())
                .isEqualTo("it expired on " + expired.getNotAfter().toInstant()));
    }

    @Test
    void anUnknownAuthoritysCertificateIsRefusedNamingTheIssuer() throws Exception {
        // A system whose only authority is unrelated to the test authority.
        ServerTrust trust = new ServerTrust(new CertificateTrust.Verified(), TestCertificates.trusting(selfSigned),
                NO_NAME_MATCHES);

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {current, authority}, AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
        assertThat(trust.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.reason())
                .isEqualTo("no certificate authority this system trusts vouches for it"
                        + " (its issuer is CN=Test Authority)"));
    }

    @Test
    void aPinAcceptsExactlyItsCertificateWhateverItsNamesAndRefusesAnyOther() throws Exception {
        ServerTrust trust = new ServerTrust(new CertificateTrust.Pinned(CertificateFingerprint.of(selfSigned)),
                trustingTheAuthority, NO_NAME_MATCHES);

        trust.checkServerTrusted(new X509Certificate[] {selfSigned}, AUTH_TYPE);
        assertThat(trust.verify("elsewhere.example.org", null)).as("the names of a pinned certificate").isTrue();

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {current, authority}, AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
        assertThat(trust.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.reason()).isEqualTo("it is not the certificate --trust-cert names ("
                    + CertificateFingerprint.of(selfSigned) + ")");
            assertThat(refusal.fingerprint()).isEqualTo(CertificateFingerprint.of(current));
        });
    }

    @Test
    void insecureAcceptsAnything() throws Exception {
        ServerTrust trust = new ServerTrust(new CertificateTrust.Anything(), trustingTheAuthority, NO_NAME_MATCHES);

        trust.checkServerTrusted(new X509Certificate[] {expired}, AUTH_TYPE);
        assertThat(trust.verify("anything.example.org", null)).isTrue();
        assertThat(trust.refusal()).isEmpty();
    }

    @Test
    void aVerifiedCertificateForOtherNamesIsRefusedSayingWhichNamesItHas() {
        ServerTrust trust = new ServerTrust(new CertificateTrust.Verified(), trustingTheAuthority, NO_NAME_MATCHES);

        assertThat(trust.verify("tandem.example.org", sessionPresenting(current))).isFalse();

        assertThat(trust.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.reason()).isEqualTo("it is issued for chat.example.org, not for tandem.example.org");
            assertThat(refusal.fingerprint()).isEqualTo(CertificateFingerprint.of(current));
        });
    }

    @Test
    void aCertificateIsDescribedByItsDnsNames() {
        assertThat(ServerTrust.namesOf(current)).isEqualTo("chat.example.org");
    }

    /** A TLS session that only tells the peer's certificate, which is all a hostname check reads here. */
    private static SSLSession sessionPresenting(X509Certificate certificate) {
        return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(), new Class<?>[] {SSLSession.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getPeerCertificates")) {
                        return new Certificate[] {certificate};
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void fingerprintsAreReadWithOrWithoutColonsAndShownWithThem() {
        CertificateFingerprint fingerprint = CertificateFingerprint.of(selfSigned);
        String colons = fingerprint.toString();

        assertThat(colons).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(CertificateFingerprint.parse("--trust-cert", colons.replace(":", "").toLowerCase()))
                .isEqualTo(fingerprint);
        assertThatThrownBy(() -> CertificateFingerprint.parse("--trust-cert", "AB:CD"))
                .hasMessageStartingWith("--trust-cert takes the server certificate's SHA-256 fingerprint: 64 hex"
                        + " digits");
    }
}
