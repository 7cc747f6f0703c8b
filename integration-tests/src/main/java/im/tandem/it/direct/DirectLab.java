package im.tandem.it.direct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import im.tandem.it.lab.CoturnServer;
import im.tandem.it.lab.LabServers;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.PeerProcess;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * A NAT lab with a real Openfire and the plugin on one of its public hosts, as clients behind the lab's NATs reach
 * it: the plugin runs its STUN server on that host and offers it through XEP-0215, and can offer the lab's coturn
 * as TURN server. Chat peers run in the client namespaces. Closing stops the server, then the lab.
 */
public final class DirectLab implements AutoCloseable {
    /** The public host Openfire runs on. */
    public static final String SERVER_HOST = "xmpp";
    /** The XMPP domain: a name, since the server's address is only the lab's. */
    public static final String DOMAIN = "tandem.lab";
    /** The interface of every lab client towards its router: the only one ICE may use in the lab. */
    public static final String CLIENT_INTERFACE = "eth0";
    /** The plugin's STUN server port on the Openfire host: the standard one, the host is the lab's own. */
    private static final int STUN_PORT = LabServers.STUN_PORT;

    private final NatLab lab;
    private final OpenfireProcess server;
    private final Path home;

    private DirectLab(NatLab lab, OpenfireProcess server, Path home) {
        this.lab = lab;
        this.server = server;
        this.home = home;
    }

    /** Builds the lab with coturn, the Openfire host and one client per entry, then boots Openfire there. */
    public static DirectLab start(Map<String, NatKind> clients) {
        return start(clients, Map.of());
    }

    /** As {@link #start(Map)}, with more Openfire system properties (the web chat's HTTP binding port, ...). */
    public static DirectLab start(Map<String, NatKind> clients, Map<String, String> properties) {
        NatLab.Builder builder = NatLab.builder().turnServer().host(SERVER_HOST);
        clients.forEach(builder::client);
        NatLab lab = builder.build();
        try {
            Path home = Files.createDirectories(lab.workDirectory().resolve("openfire"));
            InetAddress address = lab.host(SERVER_HOST).address();
            OpenfireSettings.Builder settings = OpenfireSettings.builder().domain(DOMAIN)
                    .networkNamespace(lab.host(SERVER_HOST).namespace())
                    .networkInterface(address.getHostAddress())
                    .property("tandem.stun.enabled", "true")
                    .property("tandem.stun.primary", address.getHostAddress() + ":" + STUN_PORT);
            properties.forEach(settings::property);
            return new DirectLab(lab, OpenfireProcess.start(home, settings.build(), HarnessPaths.pluginJar()), home);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public NatLab lab() {
        return lab;
    }

    public OpenfireProcess server() {
        return server;
    }

    /** Creates two users who are each other's contacts, subscribed both ways. */
    public void contacts(String left, String right) {
        server.ensureUser(left, password(left));
        server.ensureUser(right, password(right));
        server.befriend(left, right);
    }

    /** Makes the server offer the lab's coturn as TURN service (XEP-0215), with credentials from its secret. */
    public void offerTurn() {
        offerTurnWithSecret(lab.turnServer().sharedSecret());
    }

    /** Makes the server offer the lab's coturn with credentials made from {@code secret}, right or wrong. */
    public void offerTurnWithSecret(String secret) {
        CoturnServer turn = lab.turnServer();
        server.setProperty("tandem.turn.address",
                turn.address().getAddress().getHostAddress() + ":" + turn.address().getPort());
        server.setProperty("tandem.turn.secret", secret);
    }

    /** Makes the server offer no TURN service. */
    public void withdrawTurn() {
        server.deleteProperty("tandem.turn.address");
        server.deleteProperty("tandem.turn.secret");
    }

    public String jid(String user) {
        return user + "@" + DOMAIN;
    }

    /**
     * Starts a {@link DirectChatPeer} for {@code user} in the namespace of lab client {@code client}, with direct
     * sessions on the client's interface and the given extra options (shortened timings).
     */
    public PeerProcess chatPeer(String client, String user, String... options) {
        List<String> arguments = account(user);
        arguments.addAll(List.of(PeerArguments.DIRECT, CLIENT_INTERFACE));
        arguments.addAll(List.of(options));
        return peer(client, user, DirectChatPeer.class.getName(), arguments);
    }

    /** The {@link PeerArguments} that log {@code user} in at this lab's server. */
    public List<String> account(String user) {
        return PeerArguments.of(PeerArguments.JID, jid(user), PeerArguments.PASSWORD, password(user),
                PeerArguments.SERVER, server.host() + ":" + server.clientPort());
    }

    /** Starts any peer main class in the namespace of lab client {@code client}. */
    public PeerProcess peer(String client, String name, String mainClass, List<String> arguments) {
        return launch(client, name, lab.javaCommand(lab.clientNamespace(client), List.of(), mainClass, arguments));
    }

    /** Starts any program in the namespace of lab client {@code client}. */
    public PeerProcess program(String client, String name, String... command) {
        return launch(client, name, lab.inNamespace(lab.clientNamespace(client), command));
    }

    private PeerProcess launch(String client, String name, List<String> fullCommand) {
        return PeerProcess.start(name + "@" + client, fullCommand,
                lab.workDirectory().resolve("peer-" + name + ".log"));
    }

    /** Test accounts' passwords are derived from their names; the lab is unreachable from anywhere else. */
    public static String password(String user) {
        return user + "-pw";
    }

    /** The Openfire home, which holds the server's logs. */
    public Path home() {
        return home;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            lab.close();
        }
    }
}
