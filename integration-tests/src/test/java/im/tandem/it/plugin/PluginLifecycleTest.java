package im.tandem.it.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;

import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.openfire.TandemFeature;

/** The plugin installs, announces itself, and unloads and reloads as its jar comes and goes. */
class PluginLifecycleTest {
    /** Openfire's plugin monitor scans every 5 s in development mode; unloading takes a scan or two. */
    private static final Duration RELOAD_LIMIT = Duration.ofSeconds(40);

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

    private static boolean advertised(TandemClient client) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(client.connection())
                .discoverInfo(client.connection().getXMPPServiceDomain())
                .containsFeature(TandemFeature.NAMESPACE);
    }
}
