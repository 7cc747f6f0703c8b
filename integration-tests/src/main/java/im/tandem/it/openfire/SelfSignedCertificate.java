package im.tandem.it.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts a self-signed RSA certificate for the server's domain into Openfire's key store, under the alias Openfire's
 * own setup gives the one it generates ({@code DOMAIN_rsa}), made by the JDK's keytool. Kept across reboots.
 */
final class SelfSignedCertificate {
    /** keytool takes about a second; a minute only catches a stuck one. */
    private static final Duration KEYTOOL_LIMIT = Duration.ofMinutes(1);
    /** Long enough for any test run. */
    private static final int VALIDITY_DAYS = 30;
    private static final int RSA_BITS = 2048;

    private SelfSignedCertificate() {
    }

    static void ensureIn(Path keyStore, char[] password, String domain) throws IOException {
        String alias = domain + "_rsa";
        if (contains(keyStore, password, alias)) {
            return;
        }
        String secret = new String(password);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", alias, "-keyalg", "RSA", "-keysize", Integer.toString(RSA_BITS),
                "-dname", "CN=" + domain, "-ext", "SAN=dns:" + domain, "-validity", Integer.toString(VALIDITY_DAYS),
                "-keystore", keyStore.toString(), "-storetype", "JKS", "-storepass", secret, "-keypass", secret))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(KEYTOOL_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool could not add a certificate to " + keyStore + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made a certificate", e);
        }
    }

    private static boolean contains(Path keyStore, char[] password, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(in, password);
            return store.containsAlias(alias);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key store " + keyStore, e);
        }
    }
}
