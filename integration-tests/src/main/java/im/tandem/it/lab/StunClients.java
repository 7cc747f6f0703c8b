package im.tandem.it.lab;

import java.net.InetSocketAddress;

/**
 * Runs the third-party STUN clients the lab judges NAT behaviour with, inside a client's namespace: Debian's
 * RFC 3489 {@code stun} (read its verdict with {@link ClassicNatType}) and coturn's RFC 5780
 * {@code turnutils_natdiscovery} (read it with {@link Rfc5780Behaviour}).
 */
public final class StunClients {

    private StunClients() {
    }

    /** Debian's {@code stun} client against {@code server}; its exit status encodes the verdict too. */
    public static ExecResult classicStun(NatLab lab, String client, InetSocketAddress server) {
        return lab.exec(lab.clientNamespace(client), LabTool.STUN_CLIENT.path(), hostPort(server));
    }

    /** The output of {@code turnutils_natdiscovery -m}: RFC 5780 mapping behaviour discovery. */
    public static String mappingDiscovery(NatLab lab, String client, InetSocketAddress server) {
        return natDiscovery(lab, lab.client(client), "-m", server);
    }

    /** The output of {@code turnutils_natdiscovery -f}: RFC 5780 filtering behaviour discovery. */
    public static String filteringDiscovery(NatLab lab, String client, InetSocketAddress server) {
        return natDiscovery(lab, lab.client(client), "-f", server);
    }

    private static String natDiscovery(NatLab lab, LabClient client, String test, InetSocketAddress server) {
        // -L with the client's own address lets the tool tell "no NAT" from an endpoint-independent NAT.
        return lab.exec(client.namespace(), LabTool.TURN_NAT_DISCOVERY.path(), test,
                "-L", client.address().getHostAddress(), "-p", Integer.toString(server.getPort()),
                server.getAddress().getHostAddress()).output();
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
