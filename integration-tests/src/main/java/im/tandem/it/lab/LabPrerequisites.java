package im.tandem.it.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the machine must offer before a lab is built; each failure says how to fix it. */
public final class LabPrerequisites {

    private LabPrerequisites() {
    }

    /**
     * Checks for root and for every program the requested lab runs.
     *
     * @throws IllegalStateException naming what is missing and how to get it
     */
    public static void require(boolean stunServer, boolean turnServer) {
        requireRoot();
        List<LabTool> tools = new ArrayList<>(List.of(LabTool.IP, LabTool.SS, LabTool.NFT, LabTool.SYSCTL));
        if (stunServer) {
            tools.add(LabTool.STUND);
        }
        if (turnServer) {
            tools.add(LabTool.TURNSERVER);
        }
        tools.forEach(LabTool::path);
    }

    /**
     * Root is needed to create network namespaces and load netfilter rules (CAP_SYS_ADMIN, CAP_NET_ADMIN). The
     * owner of /proc/self is the process's effective user, which avoids running {@code id}.
     */
    private static void requireRoot() {
        int uid;
        try {
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("The NAT lab needs Linux with /proc to check for root", e);
        }
        if (uid != 0) {
            throw new IllegalStateException("The NAT lab needs root to create network namespaces and netfilter "
                    + "rules (effective uid is " + uid + "); run the lab tests as root, as CI does");
        }
    }
}
