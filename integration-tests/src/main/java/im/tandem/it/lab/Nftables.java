package im.tandem.it.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads nftables scripts into a namespace; each script is applied atomically by {@code nft -f}. */
final class Nftables {

    private Nftables() {
    }

    /** Writes the script into the lab's directory (to read while the lab lives) and loads it. */
    static void apply(String namespace, String script, Path scriptFile) {
        try {
            Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the nftables script " + scriptFile, e);
        }
        Namespaces.inNamespace(namespace, LabTool.NFT.path(), "-f", scriptFile.toString());
    }
}
