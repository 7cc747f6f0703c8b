package im.tandem.it.lab;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of one lab's network namespaces and the marker that proves a namespace belongs to a lab, so that a sweep
 * of namespaces left by a killed run never touches anything else.
 *
 * <p>Every namespace of a lab is named {@code <prefix>-<role>}, the prefix being {@code td} and six random hex
 * digits. Its loopback interface carries the alias {@code tandem-natlab owner=<pid>@<start>}, naming the JVM that
 * made it: a namespace is stale only when it has our name shape, our marker, and its owner is gone.
 */
final class LabNames {

    /** Random hex digits after "td": 16.7 million prefixes make a clash between concurrent labs negligible. */
    private static final int RANDOM_BYTES = 3;
    private static final Pattern NAMESPACE = Pattern.compile("td[0-9a-f]{6}-[a-z0-9-]+");
    /**
     * Names the user gives clients and hosts: short enough that "r-" + name fits Linux's 15-character interface
     * names, and plain enough to be safe in namespace names and nftables scripts.
     */
    private static final Pattern MEMBER_NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");
    private static final String MARKER_TAG = "tandem-natlab";
    private static final Pattern MARKER = Pattern.compile(MARKER_TAG + " owner=(\\d+)@(\\d+)");

    private final String prefix;

    private LabNames(String prefix) {
        this.prefix = prefix;
    }

    static LabNames random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new LabNames("td" + HexFormat.of().formatHex(bytes));
    }

    String prefix() {
        return prefix;
    }

    /** The namespace standing for the internet: it routes between public hosts and NAT routers. */
    String core() {
        return prefix + "-net";
    }

    String host(String name) {
        return prefix + "-h-" + name;
    }

    String router(String client) {
        return prefix + "-r-" + client;
    }

    String client(String name) {
        return prefix + "-c-" + name;
    }

    /** The lab prefix of a lab-shaped namespace name. */
    static String prefixOf(String namespace) {
        return namespace.substring(0, namespace.indexOf('-'));
    }

    /** Whether a namespace name has the shape of a lab namespace (necessary, not sufficient, to be ours). */
    static boolean looksLikeLab(String namespace) {
        return NAMESPACE.matcher(namespace).matches();
    }

    /**
     * Checks a client or host name.
     *
     * @throws IllegalArgumentException naming the rule when the name breaks it
     */
    static String requireMemberName(String kind, String name) {
        if (name == null || !MEMBER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("NAT lab " + kind + " name '" + name + "' is invalid: use 1 to 12 "
                    + "lower-case letters and digits, starting with a letter (it becomes part of interface names, "
                    + "which Linux limits to 15 characters)");
        }
        return name;
    }

    static String marker(LabOwner owner) {
        return MARKER_TAG + " owner=" + owner.pid() + "@" + owner.startMillis();
    }

    /** The owner a marker names, or empty when the text is not our marker. */
    static Optional<LabOwner> parseMarker(String text) {
        Matcher matcher = MARKER.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new LabOwner(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
    }
}
