package im.tandem.ice.vnet;

import im.tandem.ice.net.DatagramEndpoint;
import im.tandem.ice.net.DatagramHandler;
import im.tandem.ice.net.DatagramNetwork;
import im.tandem.ice.net.SocketAddresses;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A machine on the simulated network, public or behind a {@link Nat}: code under test binds its endpoints here
 * exactly as it would on {@link im.tandem.ice.net.UdpNetwork}. Every datagram it sends goes to its uplink (the
 * internet or its NAT), none is delivered inside the host.
 */
public final class VirtualHost implements DatagramNetwork {
    /** Where port 0 binds start: the IANA dynamic range, which Linux and Windows pick from too. */
    static final int FIRST_EPHEMERAL_PORT = 49152;
    private static final int MAX_PORT = 0xFFFF;

    private final List<InetAddress> addresses;
    private final Consumer<Datagram> uplink;
    private final Map<InetSocketAddress, VirtualEndpoint> endpoints = new HashMap<>();
    private int nextEphemeralPort = FIRST_EPHEMERAL_PORT;

    VirtualHost(InetAddress[] addresses, Consumer<Datagram> uplink) {
        this.addresses = List.of(addresses);
        this.uplink = uplink;
    }

    public List<InetAddress> addresses() {
        return addresses;
    }

    /** The first address: what a route to anywhere uses, and what tests mean by "the host's address". */
    public InetAddress address() {
        return addresses.get(0);
    }

    /** Binds one of this host's own addresses (not the wildcard: every test here says which one it means). */
    @Override
    public DatagramEndpoint bind(InetSocketAddress local, String purpose, DatagramHandler handler)
            throws IOException {
        if (!addresses.contains(local.getAddress())) {
            throw new IOException("cannot bind " + purpose + " socket " + SocketAddresses.format(local)
                    + ": not an address of this host " + addresses);
        }
        InetSocketAddress bound = local.getPort() == 0 ? new InetSocketAddress(local.getAddress(), freePort()) : local;
        if (endpoints.containsKey(bound)) {
            throw new IOException("cannot bind " + purpose + " socket " + SocketAddresses.format(bound)
                    + ": address in use");
        }
        VirtualEndpoint endpoint = new VirtualEndpoint(bound, handler, this);
        endpoints.put(bound, endpoint);
        return endpoint;
    }

    /** Every destination is reached through the uplink, from the first address. */
    @Override
    public InetAddress localAddressTowards(InetSocketAddress destination) {
        return address();
    }

    /** A datagram for this host arrived: to the endpoint bound to its destination, or nowhere. */
    void deliver(Datagram datagram) {
        VirtualEndpoint endpoint = endpoints.get(datagram.destination());
        if (endpoint != null) {
            endpoint.receive(datagram);
        }
    }

    void send(Datagram datagram) {
        uplink.accept(datagram);
    }

    void unbind(VirtualEndpoint endpoint) {
        endpoints.remove(endpoint.localAddress(), endpoint);
    }

    /** Ports go up and are not reused, so a stale datagram can never reach a later socket by accident. */
    private int freePort() throws IOException {
        if (nextEphemeralPort > MAX_PORT) {
            throw new IOException("no ephemeral port left on " + address().getHostAddress());
        }
        return nextEphemeralPort++;
    }
}
