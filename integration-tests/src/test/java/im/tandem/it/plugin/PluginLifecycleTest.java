package im.tandem.it.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.openfire.TandemFeature;

/** The plugin installs, announces itself, and unloads and reloads as its jar comes and goes. */
@Tag("server")
class PluginLifecycleTest {
    /** Openfire's plugin monitor scans every 5 s in development mode; unloading takes a scan or two. */
    private static final Duration RELOAD_LIMIT = Duration.ofSeconds(40);

    /** The affected releases as the advisory lists them. */
    private static final List<VersionRange> ADMIN_CONSOLE_BYPASS_RANGES = List.of(
            new VersionRange("3.10.0", "4.6.7"), new VersionRange("4.7.0", "4.7.4"));

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").build());

    @Test
    void theServerAdvertisesThePluginAndLogsItsVersion() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            assertThat(advertised(alice)).isTrue();
        }
        assertThat(Files.readString(OPENFIRE.server().home().logFile()))
                .contains("Tandem plugin 0.1.0 loaded; advertising " + TandemFeature.NAMESPACE);
    }

    /**
     * CVE-2023-32315 lets anyone past the admin console's login on 3.10.0 to 4.6.7 and 4.7.0 to 4.7.4: the plugin
     * warns on those (4.2.0 from Maven Central is one) and stays quiet on fixed releases (5.1.1 is one).
     */
    @Test
    void theLoadOnAnOpenfireWithTheAdminConsoleBypassIsWarnedAbout() throws Exception {
        String version = OPENFIRE.server().distribution().version();
        boolean affected = ADMIN_CONSOLE_BYPASS_RANGES.stream().anyMatch(range -> range.contains(version));

        String log = Files.readString(OPENFIRE.server().home().logFile());

        if (affected) {
            assertThat(log).as("Openfire %s is affected", version).contains("WARN").contains("Openfire " + version
                    + " has CVE-2023-32315").contains("4.6.8, 4.7.5, 4.8.0");
        } else {
            assertThat(log).as("Openfire %s is not affected", version).doesNotContain("CVE-2023-32315");
        }
    }

    @Test
    void removingTheJarUnloadsThePluginAndPuttingItBackLoadsIt() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            OPENFIRE.server().home().uninstallPlugin();
            await().atMost(RELOAD_LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> !advertised(alice));
            assertThat(Files.readString(OPENFIRE.server().home().logFile())).contains("Tandem plugin 0.1.0 unloaded");

            OPENFIRE.server().home().installPlugin(HarnessPaths.pluginJar());
            await().atMost(RELOAD_LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> advertised(alice));
        }
    }

    /** Inclusive range of release numbers (major.minor.micro; a suffix such as "-beta" is not compared). */
    private record VersionRange(String first, String last) {
        boolean contains(String version) {
            return compare(first, version) <= 0 && compare(version, last) <= 0;
        }

        private static int compare(String left, String right) {
            String[] a = left.split("[^0-9]+");
            String[] b = right.split("[^0-9]+");
            for (int i = 0; i < 3; i++) {
                int difference = Integer.parseInt(a[i]) - Integer.parseInt(b[i]);
                if (difference != 0) {
                    return difference;
                }
            }
            return 0;
        }
    }

    /**
     * Asks the server each time: Openfire 4.5 and later announce their entity capabilities in the stream features,
     * and Smack would answer a plain disco#info from what the server announced at login.
     */
    private static boolean advertised(TandemClient client) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(client.connection())
                .discoverInfo(client.connection().getXMPPServiceDomain(), null)
                .containsFeature(TandemFeature.NAMESPACE);
    }
}
