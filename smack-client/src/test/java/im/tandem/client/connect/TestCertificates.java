package im.tandem.client.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificates made for a test by the JDK's own keytool: a certificate authority, and server certificates it signs
 * or that sign themselves, so that trust decisions are tried on real X.509 certificates.
 */
final class TestCertificates {
    private static final String PASSWORD = "test-only";
    private static final long KEYTOOL_LIMIT_SECONDS = 60;

    private final Path directory;

    TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** A self-signed certificate for {@code name}. */
    X509Certificate selfSigned(String name) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-ext", "SAN=dns:" + name,
                "-keystore", store(name));
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store(name), "-file", file(name + ".cer"));
        return read(name + ".cer");
    }

    /** A certificate authority's own certificate. */
    X509Certificate authority(String name) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-ext", "bc:c",
                "-keystore", store(name));
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store(name), "-file", file(name + ".cer"));
        return read(name + ".cer");
    }

    /** A certificate for {@code name} that the authority signed, valid from {@code startDate} (keytool's form). */
    X509Certificate signed(String authority, String name, String startDate, int validityDays) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-keystore", store(name));
        keytool("-certreq", "-alias", name, "-keystore", store(name), "-file", file(name + ".csr"));
        keytool("-gencert", "-alias", authority, "-keystore", store(authority), "-infile", file(name + ".csr"),
                "-outfile", file(name + ".cer"), "-rfc", "-startdate", startDate,
                "-validity", Integer.toString(validityDays), "-ext", "SAN=dns:" + name);
        return read(name + ".cer");
    }

    /** A trust manager that trusts only these authorities, as the system's trusts its own. */
    static X509TrustManager trusting(X509Certificate... authorities) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        for (int i = 0; i < authorities.length; i++) {
            anchors.setCertificateEntry("anchor-" + i, authorities[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private X509Certificate read(String name) throws Exception {
        try (InputStream in = Files.newInputStream(directory.resolve(name))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private String store(String name) {
        return file(name + ".p12");
    }

    private String file(String name) {
        return directory.resolve(name).toString();
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(KEYTOOL_LIMIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
