package im.tandem.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin's own version, read from a resource filtered at build time. PluginManager's version
 * getters changed between Openfire releases, so the plugin does not ask the server.
 */
final class TandemVersion {
    private static final String RESOURCE = "/im/tandem/openfire/version.properties";

    private TandemVersion() {
    }

    static String current() {
        try (InputStream in = TandemVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
