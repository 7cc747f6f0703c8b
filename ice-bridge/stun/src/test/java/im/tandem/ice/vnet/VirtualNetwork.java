package im.tandem.ice.vnet;

import im.tandem.ice.net.HostPort;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The simulated public internet: public hosts and NAT routers attached by address, every datagram delivered
 * {@link #linkDelay()} after it is sent, on the {@link VirtualClock}. A datagram to an address nobody holds is
 * dropped, as are private addresses (there is no route to a LAN from outside; hairpinning is not modelled).
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * VirtualNetwork internet = new VirtualNetwork(clock);
 * VirtualHost stun = internet.addHost("198.18.0.10", "198.18.0.11");
 * VirtualHost client = internet.addNat("198.18.1.1", NatBehaviour.SYMMETRIC).addHost("10.0.0.2");
 * }</pre>
 */
public final class VirtualNetwork {
    /**
     * One-way delay between any two public addresses: a round trip (20 ms) stays well under the 100 ms first
     * retransmission timeout, so nothing is retransmitted unless a test makes it so.
     */
    public static final Duration DEFAULT_LINK_DELAY = Duration.ofMillis(10);

    private final VirtualClock clock;
    private final Duration linkDelay;
    private final Map<InetAddress, Consumer<Datagram>> attached = new HashMap<>();
    private int toLose;

    public VirtualNetwork(VirtualClock clock) {
        this(clock, DEFAULT_LINK_DELAY);
    }

    public VirtualNetwork(VirtualClock clock, Duration linkDelay) {
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        if (linkDelay == null || linkDelay.isNegative()) {
            throw new IllegalArgumentException("linkDelay must be zero or positive, got " + linkDelay);
        }
        this.clock = clock;
        this.linkDelay = linkDelay;
    }

    public VirtualClock clock() {
        return clock;
    }

    public Duration linkDelay() {
        return linkDelay;
    }

    /** A host with one or more public addresses and no NAT in front of it. */
    public VirtualHost addHost(String... addresses) {
        VirtualHost host = new VirtualHost(parseAll(addresses), this::send);
        for (InetAddress address : host.addresses()) {
            attach(address, host::deliver);
        }
        return host;
    }

    /** A NAT router holding {@code publicAddress}; its hosts are added on it. */
    public Nat addNat(String publicAddress, NatBehaviour behaviour) {
        Nat nat = new Nat(parse(publicAddress), behaviour, this);
        attach(nat.publicAddress(), nat::inbound);
        return nat;
    }

    /** Loses the next {@code count} datagrams put on the wire, whoever sends them: loss, but deterministic. */
    public void loseNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be zero or positive, got " + count);
        }
        toLose = count;
    }

    /** Puts a datagram on the wire; it arrives after the link delay, or is dropped if nobody holds its address. */
    void send(Datagram datagram) {
        if (toLose > 0) {
            toLose--;
            return;
        }
        clock.schedule(linkDelay, () -> {
            Consumer<Datagram> receiver = attached.get(datagram.destination().getAddress());
            if (receiver != null) {
                receiver.accept(datagram);
            }
        });
    }

    private void attach(InetAddress address, Consumer<Datagram> receiver) {
        if (attached.putIfAbsent(address, receiver) != null) {
            throw new IllegalArgumentException(address.getHostAddress() + " is already on the network");
        }
    }

    static InetAddress[] parseAll(String... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("a host needs at least one address");
        }
        InetAddress[] parsed = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            parsed[i] = parse(addresses[i]);
        }
        return parsed;
    }

    /** IP literals only: a name would be looked up in the real DNS. */
    static InetAddress parse(String literal) {
        return HostPort.parse("address", literal).literalAddress("address");
    }
}
