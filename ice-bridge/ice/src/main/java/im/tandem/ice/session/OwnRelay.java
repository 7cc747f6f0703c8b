package im.tandem.ice.session;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.RelayedCandidate;

/**
 * What taking over our own TURN allocation needs from ice4j: the host candidate whose socket the allocation was made
 * from (the server knows the allocation by that socket's address), and the server with our credentials for it.
 *
 * @param host   the host candidate the allocation was made from
 * @param server the TURN server and credentials, as configured
 */
record OwnRelay(HostCandidate host, TurnServer server) {

    /**
     * Found only where certain: the relayed candidate's server among the configured ones, and exactly one UDP host
     * candidate of the server's address family in the component (ice4j does not say which of several made it).
     */
    static Optional<OwnRelay> of(RelayedCandidate relayed, Component component, List<TurnServer> servers) {
        TransportAddress serverAddress = relayed.getRelayServerAddress();
        if (serverAddress == null) {
            return Optional.empty();
        }
        Optional<TurnServer> server = servers.stream()
                .filter(candidate -> candidate.address().getAddress().equals(serverAddress.getAddress())
                        && candidate.address().getPort() == serverAddress.getPort())
                .findFirst();
        boolean ipv4 = serverAddress.getAddress() instanceof Inet4Address;
        List<HostCandidate> hosts = component.getLocalCandidates().stream()
                .filter(candidate -> candidate instanceof HostCandidate && candidate.getTransport() == Transport.UDP)
                .map(HostCandidate.class::cast)
                .filter(candidate -> (candidate.getTransportAddress().getAddress() instanceof Inet4Address) == ipv4)
                .toList();
        if (server.isEmpty() || hosts.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new OwnRelay(hosts.get(0), server.get()));
    }

    InetSocketAddress hostAddress() {
        return host.getTransportAddress();
    }
}
