package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.client.connect.CertificateFingerprint;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The chat program against the certificate a real Openfire presents for STARTTLS: a self-signed one for its
 * domain, as Openfire's setup generates (the harness puts it in the key store, as it does not run the setup).
 * With {@code --tls} the program uses TLS on loopback too, refuses
 * that certificate saying why and with its fingerprint, and logs in when told to trust exactly that certificate or,
 * warned, any.
 */
@Tag("server")
class ChatCertificateTest {
    private static final Pattern FINGERPRINT = Pattern.compile(
            "SHA-256 fingerprint is ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\\.");

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").selfSignedCertificate().build());

    @TempDir
    static Path work;

    @Test
    void aSelfSignedCertificateIsRefusedWithItsFingerprintAndAcceptedOnlyWhenPinnedOrWithInsecure() throws Exception {
        String presented = presentedFingerprint();
        String refusal;
        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work, "--tls")) {
            refusal = alice.await("error ");
            assertThat(alice.awaitExit()).isNotZero();
        }
        assertThat(refusal).startsWith("error cannot log in as alice@localhost at " + OPENFIRE.server().host() + ":"
                + OPENFIRE.server().clientPort() + ": the server " + OPENFIRE.server().host()
                + " presented a certificate that is not trusted: it is self-signed")
                .contains("--trust-cert " + presented, "--insecure to accept any certificate");
        Matcher shown = FINGERPRINT.matcher(refusal);
        assertThat(shown.find()).as("a fingerprint in: %s", refusal).isTrue();
        assertThat(shown.group(1)).isEqualTo(presented);

        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work, "--tls",
                "--trust-cert", presented.replace(":", "").toLowerCase(java.util.Locale.ROOT))) {
            assertThat(alice.await("connected ")).startsWith("connected alice@localhost/");
        }

        String other = (presented.startsWith("00") ? "11" : "00") + presented.substring(2);
        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work, "--tls",
                "--trust-cert", other)) {
            assertThat(alice.await("error ")).contains("not trusted: it is not the certificate --trust-cert names ("
                    + other + ")").contains("fingerprint is " + presented);
            assertThat(alice.awaitExit()).isNotZero();
        }

        try (ChatProgram alice = ChatProgram.start(OPENFIRE.server(), "alice", "alice-pw", work, "--tls",
                "--insecure")) {
            assertThat(alice.await("info ")).isEqualTo("info warning: --insecure accepts any certificate from the"
                    + " server, so anyone between you and it can read and change everything; use --trust-cert SHA256"
                    + " instead");
            assertThat(alice.await("connected ")).startsWith("connected alice@localhost/");
        }
    }

    /** The fingerprint of the certificate Openfire presents after STARTTLS, as a plain Smack client sees it. */
    private static String presentedFingerprint() throws Exception {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        X509TrustManager recording = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("no client certificates here");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(OPENFIRE.server().domain())
                .setHost(OPENFIRE.server().host())
                .setPort(OPENFIRE.server().clientPort())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(recording)
                .setHostnameVerifier((domain, session) -> true)
                .build());
        try {
            connection.connect();
        } finally {
            connection.disconnect();
        }
        assertThat(seen.get()).as("the certificate Openfire presented").isNotNull();
        return CertificateFingerprint.of(seen.get()).toString();
    }
}
