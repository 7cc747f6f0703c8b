package im.tandem.it.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;

/**
 * An Openfire home directory laid out the way Openfire expects to find it, with our plugin jar in
 * {@code plugins/} exactly where the admin console's upload puts it. Laying it out again over an existing
 * home keeps the database, so users and stored messages survive a restart.
 */
public final class OpenfireHome {
    /** The file through which the parent hands users and properties to the forked server. */
    static final String HARNESS_FILE = "conf/tandem-harness.properties";
    static final String PROPERTY_PREFIX = "property.";
    static final String USER_PREFIX = "user.";
    static final String PORT_KEY = "c2s.port";
    static final String DOMAIN_KEY = "domain";
    static final String PLUGIN_KEY = "plugin.installed";

    /** Openfire's default key store password; the stores are empty, it protects nothing. */
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final String PLUGIN_FILE = "tandem.jar";

    private final Path root;

    public OpenfireHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path logFile() {
        return root.resolve("logs/openfire.log");
    }

    public Path pluginJar() {
        return root.resolve("plugins").resolve(PLUGIN_FILE);
    }

    /**
     * Writes the configuration for these settings and the given client port, and installs the plugin jar.
     * Idempotent: the database is never touched.
     */
    public void layOut(OpenfireSettings settings, int clientPort, Path pluginJar) {
        if (settings.database().filter(OpenfireSettings.ExternalDatabase::mysql).isPresent()
                && !settings.distribution().hasOwnSchemaScripts()) {
            throw new IllegalArgumentException(settings.distribution() + " brings no MySQL schema scripts and the"
                    + " harness carries only HSQLDB and PostgreSQL ones for it: use an installed Openfire for MySQL");
        }
        try {
            Files.createDirectories(root.resolve("conf"));
            Files.createDirectories(root.resolve("logs"));
            Files.createDirectories(root.resolve("db"));
            writeString("conf/openfire.xml",
                    OpenfireConfigFile.render(settings.domain(), settings.networkInterface(),
                            settings.adminConsolePort(), OpenfireJdbcSettings.of(settings, root)));
            writeString("conf/security.xml", OpenfireConfigFile.renderSecurity());
            writeEmptyKeyStore("resources/security/keystore");
            if (settings.selfSignedCertificate()) {
                SelfSignedCertificate.ensureIn(root.resolve("resources/security/keystore"), STORE_PASSWORD,
                        settings.domain());
            }
            writeEmptyKeyStore("resources/security/truststore");
            writeEmptyKeyStore("resources/security/client.truststore");
            settings.distribution().layOut(this);
            writeHarnessFile(settings, clientPort);
            if (settings.pluginInstalled()) {
                installPlugin(pluginJar);
            } else {
                uninstallPlugin();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the Openfire home " + root, e);
        }
    }

    /** Places the plugin jar the way an admin console upload does; Openfire picks it up by itself. */
    public void installPlugin(Path pluginJar) throws IOException {
        if (!Files.isRegularFile(pluginJar)) {
            throw new IllegalStateException("the plugin jar " + pluginJar
                    + " is missing: build it with 'mvn -q install -DskipTests' first");
        }
        Files.createDirectories(root.resolve("plugins"));
        Files.copy(pluginJar, pluginJar(), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the plugin jar; Openfire unloads the plugin on its next scan. */
    public void uninstallPlugin() throws IOException {
        Files.deleteIfExists(pluginJar());
    }

    /** The port chosen for this home on its first boot, or 0 when it has never been laid out. */
    public int rememberedClientPort() {
        Properties harness = readHarnessFile();
        return Integer.parseInt(harness.getProperty(PORT_KEY, "0"));
    }

    Properties readHarnessFile() {
        Properties harness = new Properties();
        Path file = root.resolve(HARNESS_FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                harness.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return harness;
    }

    private void writeHarnessFile(OpenfireSettings settings, int clientPort) throws IOException {
        Properties harness = new Properties();
        harness.setProperty(DOMAIN_KEY, settings.domain());
        harness.setProperty(PORT_KEY, Integer.toString(clientPort));
        harness.setProperty(PLUGIN_KEY, Boolean.toString(settings.pluginInstalled()));
        settings.properties().forEach((key, value) -> harness.setProperty(PROPERTY_PREFIX + key, value));
        settings.users().forEach(user -> harness.setProperty(USER_PREFIX + user.username(), user.password()));
        try (OutputStream out = Files.newOutputStream(root.resolve(HARNESS_FILE))) {
            harness.store(out, "Written by the Tandem harness on every boot");
        }
    }

    private void writeEmptyKeyStore(String relative) throws IOException {
        Path file = root.resolve(relative);
        if (Files.exists(file)) {
            return; // Openfire may have put a generated certificate into it: keep it.
        }
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            store.store(out, STORE_PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a JKS key store", e);
        }
    }

    void writeString(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
