package im.tandem.it.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An external program the NAT lab or its tests run, with the Debian package that ships it, so that a missing
 * program fails with a message saying exactly what to install.
 */
public enum LabTool {
    IP("ip", "iproute2"),
    SS("ss", "iproute2"),
    NFT("nft", "nftables"),
    SYSCTL("sysctl", "procps"),
    STUND("stund", "stun-server"),
    STUN_CLIENT("stun", "stun-client"),
    TURNSERVER("turnserver", "coturn"),
    TURN_NAT_DISCOVERY("turnutils_natdiscovery", "coturn"),
    TURN_CLIENT("turnutils_uclient", "coturn");

    /**
     * Searched after PATH: administration tools live in sbin, which a non-login shell's PATH (and so the JVM's)
     * often lacks.
     */
    private static final List<String> SBIN_DIRECTORIES = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private final String executable;
    private final String debianPackage;

    LabTool(String executable, String debianPackage) {
        this.executable = executable;
        this.debianPackage = debianPackage;
    }

    /**
     * The absolute path of this program.
     *
     * @throws IllegalStateException naming the Debian package to install when the program is not found
     */
    public String path() {
        for (String directory : searchDirectories()) {
            Path candidate = Path.of(directory, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("The NAT lab needs the program '" + executable
                + "', which is not installed: install the Debian package '" + debianPackage
                + "' (apt-get install " + debianPackage + ")");
    }

    private static List<String> searchDirectories() {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                if (!entry.isEmpty()) {
                    directories.add(entry);
                }
            }
        }
        directories.addAll(SBIN_DIRECTORIES);
        return directories;
    }
}
