package im.tandem.it.sint;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which SINT tests to run and how patiently: the tests never to run, each with the reason why, and
 * optionally the only tests to run (for re-running a few). Turned into SINT's {@code sinttest.*} settings
 * by {@link #systemProperties(String, String)}.
 *
 * @param disabled test classes (simple or full name) SINT must skip, mapped to the reason. SINT 4.5.0-beta5
 *                 skips a whole class even when given one of its methods, so only classes are accepted.
 * @param only     when not empty, the only tests to run, as ids from {@link SintResults#passed()}
 */
public record SintOptions(Map<String, String> disabled, Set<String> only) {
    /**
     * How long SINT waits for any one reply or expected notification. Openfire on loopback answers in
     * milliseconds; each test that fails by a missing notification costs this much, and Openfire 4.2.0 fails 14 to
     * 16 (its plain run took 110 s at 10 s, 51 s at 5 s, with as many tests passing). Under a load of 10
     * (other builds on the machine) 5 s once let a group-chat join time out: a test that fails that way on plain
     * Openfire only drops out of the comparison, and one that fails with the plugin is run again.
     */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);
    /** SINT's name for its plain TCP connection, the one the runner points at the server's port. */
    private static final String TCP_CONNECTION = "tcp";
    private static final Pattern CLASS_NAME = Pattern.compile("([a-z_][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*");
    /** A low-level test's id ends in its connection type, "(tcp)"; SINT selects by class and method only. */
    private static final Pattern CONNECTION_SUFFIX = Pattern.compile(" \\(.*\\)$");

    public SintOptions {
        disabled = Map.copyOf(disabled);
        only = Set.copyOf(only);
        disabled.forEach((test, reason) -> {
            if (!CLASS_NAME.matcher(test).matches()) {
                throw new IllegalArgumentException("a disabled SINT test must be a test class name such as"
                        + " 'FileTransferIntegrationTest', got '" + test + "'");
            }
            if (reason.isBlank()) {
                throw new IllegalArgumentException("disabling SINT test class " + test + " needs a reason");
            }
        });
    }

    /** Every test except the disabled ones. */
    public static SintOptions allExcept(Map<String, String> disabled) {
        return new SintOptions(disabled, Set.of());
    }

    /** The same exclusions, and of the rest only these tests. */
    public SintOptions onlyThese(Collection<String> testIds) {
        if (testIds.isEmpty()) {
            throw new IllegalArgumentException("a re-run needs at least one test");
        }
        return new SintOptions(disabled, Set.copyOf(testIds));
    }

    /** SINT's settings for a server with this XMPP domain, reached at this loopback address. */
    Map<String, String> systemProperties(String domain, String loopbackHost) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sinttest.service", domain);
        properties.put("sinttest.host", loopbackHost);
        // The harness's Openfire has an empty key store and listens on loopback only: no TLS to negotiate.
        properties.put("sinttest.securityMode", "disabled");
        // The harness offers plain TCP only (no BOSH, no WebSocket).
        properties.put("sinttest.enabledConnections", TCP_CONNECTION);
        // The JDK resolves an IP literal host by itself; SINT's default resolver could ask a DNS server.
        properties.put("sinttest.dnsResolver", "javax");
        properties.put("sinttest.replyTimeout", Long.toString(REPLY_TIMEOUT.toMillis()));
        if (!disabled.isEmpty()) {
            properties.put("sinttest.disabledTests", String.join(",", new TreeSet<>(disabled.keySet())));
        }
        if (!only.isEmpty()) {
            TreeSet<String> methods = new TreeSet<>();
            only.forEach(id -> methods.add(CONNECTION_SUFFIX.matcher(id).replaceFirst("")));
            properties.put("sinttest.enabledTests", String.join(",", methods));
        }
        return properties;
    }
}
