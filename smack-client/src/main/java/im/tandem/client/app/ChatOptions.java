package im.tandem.client.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import im.tandem.client.connect.ClientConfig;
import im.tandem.client.direct.DirectConfig;
import im.tandem.ice.net.HostPort;
import im.tandem.ice.stun.StunDefaults;

/**
 * The command line of {@code ./tandem chat} as {@link ChatCommand} read it, checked. Direct sessions are off unless
 * {@code --direct} names the network interfaces ICE may use ({@code any}: all but loopback); {@code --stun} is the
 * STUN server for them when the chat server offers none (XEP-0215). {@link TlsOptions} say whether TLS is used
 * and which certificate it accepts ({@link ClientConfig} decides by the address otherwise).
 */
record ChatOptions(String jid, Optional<Path> passwordFile, Optional<String> server, Optional<DirectConfig> direct,
                   FileOptions files, TlsOptions tls) {
    static final String DIRECT = "--direct";
    static final String STUN = "--stun";
    /** The {@code --direct} value for every interface but loopback. */
    static final String ANY_INTERFACE = "any";

    /**
     * The options, checked.
     *
     * @throws IllegalArgumentException naming the option, for a bad {@code --direct} or {@code --stun} value, or
     *                                  {@code --stun} or {@code --file-transports ice} without {@code --direct}
     */
    static ChatOptions of(String jid, Optional<Path> passwordFile, Optional<String> server,
                          Optional<String> interfaces, Optional<String> stun, FileOptions files, TlsOptions tls) {
        return new ChatOptions(jid, passwordFile, server, direct(interfaces, stun),
                files.requireDirectFor(interfaces.isPresent()), tls);
    }

    /**
     * How to log in with this password, creating the account first when {@code register}.
     *
     * @throws IllegalArgumentException naming what is wrong with the JID, the password or {@code --server}
     */
    ClientConfig account(String password, boolean register) {
        ClientConfig.Builder builder = ClientConfig.forAccount(jid, password).register(register);
        server.ifPresent(builder::server);
        tls.applyTo(builder);
        return builder.build();
    }

    private static Optional<DirectConfig> direct(Optional<String> interfaces, Optional<String> stun) {
        if (interfaces.isEmpty()) {
            if (stun.isPresent()) {
                throw new IllegalArgumentException(STUN + " is for direct sessions: give " + DIRECT + " as well");
            }
            return Optional.empty();
        }
        List<String> names = interfaces.get().equals(ANY_INTERFACE) ? List.of()
                : Arrays.stream(interfaces.get().split(",")).map(String::strip).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(DIRECT + " takes interface names such as eth0,wlan0, or 'any'; got '"
                    + interfaces.get() + "'");
        }
        DirectConfig config = DirectConfig.onInterfaces(names);
        if (stun.isPresent()) {
            InetSocketAddress address = HostPort.parse(STUN, stun.get()).socketAddress(STUN, StunDefaults.PORT);
            config = config.withIce(config.ice().withStunServers(List.of(address)));
        }
        return Optional.of(config);
    }
}
