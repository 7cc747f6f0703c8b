package im.tandem.it.direct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;

import im.tandem.client.connect.ClientConfig;
import im.tandem.client.direct.DirectConfig;

/**
 * The command line of the lab's chat peers, {@code --name value} pairs: the account, the server, and the direct
 * session settings a test shortens so that it finishes in reasonable time. Each value is checked when read.
 */
public final class PeerArguments {
    public static final String JID = "--jid";
    public static final String PASSWORD = "--password";
    public static final String SERVER = "--server";
    /** The interface ICE may use, e.g. the lab client's eth0; without it, direct sessions are off. */
    public static final String DIRECT = "--direct";
    public static final String ACK_TIMEOUT_MS = "--ack-timeout-ms";
    public static final String RETRY_MS = "--retry-ms";
    public static final String ICE_TIMEOUT_MS = "--ice-timeout-ms";
    private static final Set<String> COMMON = Set.of(JID, PASSWORD, SERVER, DIRECT, ACK_TIMEOUT_MS, RETRY_MS,
            ICE_TIMEOUT_MS);

    private final Map<String, String> values;

    private PeerArguments(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param extra options this peer takes beyond the common ones
     * @throws IllegalArgumentException for an unknown option or one without a value
     */
    public static PeerArguments parse(String[] args, Set<String> extra) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!COMMON.contains(args[i]) && !extra.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
        return new PeerArguments(values);
    }

    /** Builds a command line, for the side that starts peers. */
    public static List<String> of(String... namesAndValues) {
        return new ArrayList<>(List.of(namesAndValues));
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public int number(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
        }
    }

    /**
     * The account at the lab's server. Plain c2s: the harnessed server has no certificate, and nothing outside the
     * lab's namespaces can see its traffic.
     */
    public ClientConfig clientConfig() {
        return ClientConfig.forAccount(required(JID), required(PASSWORD)).server(required(SERVER))
                .securityMode(SecurityMode.disabled).build();
    }

    /** Direct sessions on the one interface given, with the shortened timings given; empty without --direct. */
    public Optional<DirectConfig> directConfig() {
        if (!values.containsKey(DIRECT)) {
            return Optional.empty();
        }
        DirectConfig config = DirectConfig.onInterfaces(List.of(required(DIRECT)));
        config = config.withAckTimeout(millis(ACK_TIMEOUT_MS, config.ackTimeout()))
                .withRetryDelay(millis(RETRY_MS, config.retryDelay()));
        return Optional.of(config.withIce(config.ice().withConnectTimeout(millis(ICE_TIMEOUT_MS,
                config.ice().connectTimeout()))));
    }

    private Duration millis(String name, Duration fallback) {
        int value = number(name, (int) fallback.toMillis());
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return Duration.ofMillis(value);
    }
}
