package im.tandem.openfire.advisory;

import java.util.Optional;

/**
 * CVE-2023-32315: the admin console of Openfire 3.10.0 to 4.6.7 and 4.7.0 to 4.7.4 lets anyone past its login
 * through a path traversal, and so to every admin page, the plugin's included. The plugin cannot close that hole;
 * it says so where the admin looks: in the log when it loads, and on its admin page.
 */
public final class AdminConsoleBypass {
    /** The advisory's name, as admins search for it. */
    public static final String CVE = "CVE-2023-32315";

    private AdminConsoleBypass() {
    }

    /** The warning for this Openfire version, or empty when the version is not affected. */
    public static Optional<String> warningFor(int major, int minor, int micro) {
        if (!affected(major, minor, micro)) {
            return Optional.empty();
        }
        return Optional.of("Openfire " + major + "." + minor + "." + micro + " has " + CVE
                + ": anyone who can reach the admin console can open its pages without logging in, Tandem's"
                + " included. Upgrade to Openfire 4.6.8, 4.7.5, 4.8.0 or later, or keep the admin console's ports"
                + " unreachable from untrusted networks.");
    }

    private static boolean affected(int major, int minor, int micro) {
        int version = major * 1_000_000 + minor * 1_000 + micro;
        return between(version, 3_010_000, 4_006_007) || between(version, 4_007_000, 4_007_004);
    }

    private static boolean between(int version, int first, int last) {
        return version >= first && version <= last;
    }
}
