package im.tandem.client.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import im.tandem.client.direct.DirectConfig;
import im.tandem.ice.net.HostPort;
import im.tandem.ice.stun.StunDefaults;

/**
 * The command line of {@code ./tandem chat}. Direct sessions are off unless {@code --direct} names the network
 * interfaces ICE may use ({@code any}: all but loopback); {@code --stun} is the STUN server for them when the chat
 * server offers none (XEP-0215).
 */
record ChatOptions(String jid, Optional<Path> passwordFile, Optional<String> server, Optional<DirectConfig> direct,
                   FileOptions files) {
    static final String USAGE = "usage: ./tandem chat JID [--password-file FILE] [--server HOST:PORT]"
            + " [--direct IFACE[,IFACE...]|any [--stun HOST[:PORT]]] " + FileOptions.USAGE;
    /** The {@code --direct} value for every interface but loopback. */
    static final String ANY_INTERFACE = "any";

    static ChatOptions parse(String[] args) {
        String jid = null;
        Path passwordFile = null;
        String server = null;
        String interfaces = null;
        String stun = null;
        FileOptions files = FileOptions.none();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--password-file" -> passwordFile = Path.of(value(args, ++i, "--password-file"));
                case "--server" -> server = value(args, ++i, "--server");
                case "--direct" -> interfaces = value(args, ++i, "--direct");
                case "--stun" -> stun = value(args, ++i, "--stun");
                case FileOptions.DOWNLOADS -> files = files.withDownloads(value(args, ++i, FileOptions.DOWNLOADS));
                case FileOptions.TRANSPORTS -> files = files.withTransports(value(args, ++i, FileOptions.TRANSPORTS));
                default -> {
                    if (args[i].startsWith("-") || jid != null) {
                        throw new IllegalArgumentException("unexpected argument " + args[i]);
                    }
                    jid = args[i];
                }
            }
        }
        if (jid == null) {
            throw new IllegalArgumentException("which account? give its JID, such as alice@localhost");
        }
        return new ChatOptions(jid, Optional.ofNullable(passwordFile), Optional.ofNullable(server),
                direct(interfaces, stun), files.requireDirectFor(interfaces != null));
    }

    private static Optional<DirectConfig> direct(String interfaces, String stun) {
        if (interfaces == null) {
            if (stun != null) {
                throw new IllegalArgumentException("--stun is for direct sessions: give --direct as well");
            }
            return Optional.empty();
        }
        List<String> names = interfaces.equals(ANY_INTERFACE) ? List.of()
                : Arrays.stream(interfaces.split(",")).map(String::strip).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--direct takes interface names such as eth0,wlan0, or 'any'; got '"
                    + interfaces + "'");
        }
        DirectConfig config = DirectConfig.onInterfaces(names);
        if (stun != null) {
            InetSocketAddress address = HostPort.parse("--stun", stun).socketAddress("--stun", StunDefaults.PORT);
            config = config.withIce(config.ice().withStunServers(List.of(address)));
        }
        return Optional.of(config);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
