package im.tandem.it.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import im.tandem.it.openfire.HarnessPaths;

/**
 * tandem.jar brings into Openfire's JVM only what the plugin runs: its own classes, the STUN module, which needs
 * only the JDK (picocli, for the STUN module's command lines, is an optional dependency and stays out), and PDFBox
 * (pdfbox, pdfbox-io, fontbox) for fax pages, whose logging API Openfire already has. A third-party
 * jar in there is a class-conflict risk inside someone else's server, so one added by a new dependency must be a
 * decision made here, not a side effect of Maven's transitive resolution.
 */
@Tag("server")
class PluginPackagingTest {
    /**
     * The plugin with its STUN module is about 0.3 MB, PDFBox with the font it carries about 3.7 MB more; ice4j's
     * dependencies alone once made it 8.7 MB.
     */
    private static final long SIZE_LIMIT_BYTES = 4_500_000;
    /** Where the build puts the web chat inside the plugin's own jar. */
    private static final String WEB_FOLDER = "im/tandem/openfire/web/static/";
    /**
     * What a site's visitor downloads for the embedded chat, script and style sheet together, as a browser receives
     * them compressed: the web chat's budget (Converse.js, for comparison, is several megabytes).
     */
    private static final long EMBED_BUDGET_GZIPPED_BYTES = 100 * 1024;

    @Test
    void thePluginCarriesOnlyItsOwnJars() throws IOException {
        try (JarFile jar = new JarFile(HarnessPaths.pluginJar().toFile())) {
            List<String> artifacts = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("lib/") && name.endsWith(".jar"))
                    .map(PluginPackagingTest::artifactId).sorted().toList();

            assertThat(artifacts).containsExactly("fontbox", "openfire-plugin", "pdfbox", "pdfbox-io", "tandem-stun");
        }
    }

    @Test
    void theWebChatsScriptStyleSheetAndPageAreBundled() throws IOException {
        assertThat(webFiles()).containsKeys("embed.js", "embed.css", "index.html");
    }

    @Test
    void theEmbeddedChatFitsItsSizeBudgetGzipped() throws IOException {
        Map<String, byte[]> files = webFiles();

        long gzipped = gzippedSize(files.get("embed.js")) + gzippedSize(files.get("embed.css"));

        assertThat(gzipped).isLessThanOrEqualTo(EMBED_BUDGET_GZIPPED_BYTES);
    }

    /** The web chat's files, by name, read out of the plugin's own jar inside tandem.jar. */
    private static Map<String, byte[]> webFiles() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (JarFile plugin = new JarFile(HarnessPaths.pluginJar().toFile())) {
            ZipEntry own = plugin.stream().filter(entry -> artifactId(entry.getName()).equals("openfire-plugin")
                    && entry.getName().startsWith("lib/")).findFirst().orElseThrow();
            try (InputStream in = plugin.getInputStream(own); JarInputStream classes = new JarInputStream(in)) {
                for (JarEntry entry = classes.getNextJarEntry(); entry != null; entry = classes.getNextJarEntry()) {
                    if (entry.getName().startsWith(WEB_FOLDER) && !entry.isDirectory()) {
                        files.put(entry.getName().substring(WEB_FOLDER.length()), classes.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    private static long gzippedSize(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
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
