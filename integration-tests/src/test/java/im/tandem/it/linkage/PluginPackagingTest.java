package im.tandem.it.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import im.tandem.it.openfire.HarnessPaths;

/**
 * tandem.jar brings into Openfire's JVM only what the plugin runs: its own classes and the STUN module, which needs
 * only the JDK (picocli, for the STUN module's command lines, is an optional dependency and stays out). A third-party
 * jar in there is a class-conflict risk inside someone else's server, so one added by a new dependency must be a
 * decision made here, not a side effect of Maven's transitive resolution.
 */
@Tag("server")
class PluginPackagingTest {
    /** The plugin with its STUN module is about 0.3 MB; ice4j's dependencies alone once made it 8.7 MB. */
    private static final long SIZE_LIMIT_BYTES = 1_000_000;

    @Test
    void thePluginCarriesOnlyItsOwnJars() throws IOException {
        try (JarFile jar = new JarFile(HarnessPaths.pluginJar().toFile())) {
            List<String> artifacts = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("lib/") && name.endsWith(".jar"))
                    .map(PluginPackagingTest::artifactId).sorted().toList();

            assertThat(artifacts).containsExactly("openfire-plugin", "tandem-stun");
        }
    }

    /** {@code lib/tandem-stun-0.1.0.jar} to {@code tandem-stun}: the name without its directory and version. */
    private static String artifactId(String entry) {
        return entry.substring("lib/".length()).replaceFirst("-\\d[^-]*\\.jar$", "");
    }

    @Test
    void thePluginStaysSmall() throws IOException {
        assertThat(Files.size(HarnessPaths.pluginJar())).isLessThan(SIZE_LIMIT_BYTES);
    }
}
