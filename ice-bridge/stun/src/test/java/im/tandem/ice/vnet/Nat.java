package im.tandem.ice.vnet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A NAT router: one public address on the {@link VirtualNetwork}, a private network of {@link VirtualHost}s behind
 * it, and the RFC 4787 rules of its {@link NatBehaviour}. An outgoing datagram creates or reuses a mapping (an
 * internal address and port to a public port) and records its destination as contacted; an incoming datagram
 * reaches the internal endpoint only through a live mapping whose filter admits the sender. A mapping dies
 * {@link NatBehaviour#mappingTimeout()} after the last datagram sent through it; incoming traffic does not keep it
 * alive (RFC 4787 REQ-6 requires only outbound refresh, so a test must not rely on more).
 */
public final class Nat {
    /**
     * The first public port handed out: away from the hosts' ephemeral range, so a mapped port is never the
     * local one by coincidence and "no NAT" cannot be mistaken for a NAT that preserves ports.
     */
    static final int FIRST_PUBLIC_PORT = 20000;
    private static final int MAX_PORT = 0xFFFF;

    private final InetAddress publicAddress;
    private final NatBehaviour behaviour;
    private final VirtualNetwork internet;
    private final Map<InetAddress, VirtualHost> hosts = new HashMap<>();
    private final Map<MappingKey, Mapping> mappingsByKey = new HashMap<>();
    private final Map<Integer, Mapping> mappingsByPort = new HashMap<>();
    private int nextPublicPort = FIRST_PUBLIC_PORT;

    Nat(InetAddress publicAddress, NatBehaviour behaviour, VirtualNetwork internet) {
        if (behaviour == null) {
            throw new IllegalArgumentException("behaviour is required");
        }
        this.publicAddress = publicAddress;
        this.behaviour = behaviour;
        this.internet = internet;
    }

    public InetAddress publicAddress() {
        return publicAddress;
    }

    public NatBehaviour behaviour() {
        return behaviour;
    }

    /** A host on this NAT's private network. */
    public VirtualHost addHost(String privateAddress) {
        InetAddress address = VirtualNetwork.parse(privateAddress);
        VirtualHost host = new VirtualHost(new InetAddress[] {address}, this::outbound);
        if (hosts.putIfAbsent(address, host) != null) {
            throw new IllegalArgumentException(privateAddress + " is already behind this NAT");
        }
        return host;
    }

    /** Mappings that are alive now. */
    public int liveMappings() {
        long now = internet.clock().nanoTime();
        return (int) mappingsByPort.values().stream().filter(m -> !m.expiredAt(now)).count();
    }

    /** From a private host towards the internet. */
    private void outbound(Datagram datagram) {
        if (behaviour.dropsUdp()) {
            return;
        }
        long now = internet.clock().nanoTime();
        MappingKey key = new MappingKey(datagram.source(), behaviour.mapping().distinguishing(datagram.destination()));
        Mapping mapping = mappingsByKey.get(key);
        if (mapping == null || mapping.expiredAt(now)) {
            if (mapping != null) {
                mappingsByPort.remove(mapping.publicPort);
            }
            mapping = new Mapping(datagram.source(), allocatePort());
            mappingsByKey.put(key, mapping);
            mappingsByPort.put(mapping.publicPort, mapping);
        }
        mapping.lastSentNanos = now;
        mapping.contacted.add(datagram.destination());
        internet.send(datagram.readdressed(new InetSocketAddress(publicAddress, mapping.publicPort),
                datagram.destination()));
    }

    /** From the internet to the public address. */
    void inbound(Datagram datagram) {
        if (behaviour.dropsUdp()) {
            return;
        }
        Mapping mapping = mappingsByPort.get(datagram.destination().getPort());
        if (mapping == null || mapping.expiredAt(internet.clock().nanoTime())
                || !behaviour.filtering().admits(datagram.source(), mapping.contacted)) {
            return;
        }
        hosts.get(mapping.internal.getAddress()).deliver(datagram.readdressed(datagram.source(), mapping.internal));
    }

    /** Public ports go up and are not reused, so a datagram for an expired mapping cannot reach a new one. */
    private int allocatePort() {
        if (nextPublicPort > MAX_PORT) {
            throw new IllegalStateException("NAT " + publicAddress.getHostAddress() + " ran out of public ports");
        }
        return nextPublicPort++;
    }

    /** What makes two outgoing datagrams share a mapping: the internal endpoint and, per rule, the destination. */
    private record MappingKey(InetSocketAddress internal, Object destinationPart) {
    }

    private final class Mapping {
        final InetSocketAddress internal;
        final int publicPort;
        final Set<InetSocketAddress> contacted = new HashSet<>();
        long lastSentNanos;

        Mapping(InetSocketAddress internal, int publicPort) {
            this.internal = internal;
            this.publicPort = publicPort;
        }

        boolean expiredAt(long nowNanos) {
            return nowNanos - lastSentNanos >= behaviour.mappingTimeout().toNanos();
        }
    }
}
