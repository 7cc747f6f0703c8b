package im.tandem.it.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS-over-TCP baseline's keys: one EC P-256 key pair with a self-signed certificate made by the JDK's
 * keytool, shared by both ends, each trusting exactly that certificate. The same curve and TLS 1.3 as the
 * channel's identities, so the baseline pays for the same cryptography.
 */
final class BenchTls {

    static final String PROTOCOL = "TLSv1.3";
    private static final String ALIAS = "bench";
    /** Guards nothing: the key store is a throw-away file in the lab's own directory. */
    private static final char[] PASSWORD = "natbench".toCharArray();
    /** keytool takes about a second; a minute only catches a stuck one. */
    private static final Duration KEYTOOL_LIMIT = Duration.ofMinutes(1);

    private BenchTls() {
    }

    /** Creates the key store in {@code directory} and returns its path. */
    static Path createKeyStore(Path directory) throws IOException, InterruptedException {
        Path keyStore = directory.resolve("bench-tls.p12");
        Path log = directory.resolve("keytool.log");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=tandem-bench",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(KEYTOOL_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool could not create " + keyStore + ":\n" + Files.readString(log));
        }
        return keyStore;
    }

    /** A TLS 1.3 context presenting the key store's certificate and trusting only that certificate. */
    static SSLContext context(Path keyStorePath) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStorePath)) {
            keys.load(in, PASSWORD);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
