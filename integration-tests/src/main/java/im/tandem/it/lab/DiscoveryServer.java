package im.tandem.it.lab;

import im.tandem.ice.cli.StunServerCommand;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The two-address STUN servers NAT discovery runs against in the lab, all on the STUN host's two addresses, each on
 * its own pair of ports (primary port and primary port + 1) so that they run side by side.
 */
public enum DiscoveryServer {

    /** Debian's classic RFC 3489 stund (CHANGED-ADDRESS), which {@link NatLab.Builder#stunServer()} starts. */
    STUND(LabServers.STUN_PORT) {
        @Override
        void spawn(NatLab lab, InetAddress primary, InetAddress alternate) {
            // Already running.
        }
    },

    /** coturn as an RFC 5780 server (OTHER-ADDRESS, RESPONSE-ORIGIN), on a port pair well clear of the others. */
    COTURN(5478) {
        @Override
        void spawn(NatLab lab, InetAddress primary, InetAddress alternate) {
            lab.spawn(lab.stunNamespace(), LabServers.coturnBehaviourDiscovery(primary, alternate, port(),
                    lab.workDirectory()).toArray(String[]::new));
        }
    },

    /**
     * Ours: ice-bridge's StunServer through its command line, as {@code ./tandem stun-server} runs it, on the port
     * pair right after stund's.
     */
    TANDEM(3480) {
        @Override
        void spawn(NatLab lab, InetAddress primary, InetAddress alternate) {
            lab.spawn(lab.javaCommand(lab.stunNamespace(), StunServerCommand.class.getName(),
                    "--primary", primary.getHostAddress() + ":" + port(),
                    "--alternate", alternate.getHostAddress() + ":" + (port() + 1)));
        }
    };

    private final int port;

    DiscoveryServer(int port) {
        this.port = port;
    }

    /** The primary port; the server also listens on the next one, on both addresses. */
    public int port() {
        return port;
    }

    /** Where clients send their first request: the STUN host's first address, on this server's primary port. */
    public InetSocketAddress address(NatLab lab) {
        return new InetSocketAddress(lab.stunAddresses().get(0), port);
    }

    /**
     * Starts this server in the lab's STUN host (stund is already running) and waits until all four of its sockets
     * are open.
     */
    public void start(NatLab lab) {
        List<InetAddress> addresses = lab.stunAddresses();
        spawn(lab, addresses.get(0), addresses.get(1));
        for (InetAddress address : addresses) {
            lab.awaitUdpListener(lab.stunNamespace(), new InetSocketAddress(address, port));
            lab.awaitUdpListener(lab.stunNamespace(), new InetSocketAddress(address, port + 1));
        }
    }

    abstract void spawn(NatLab lab, InetAddress primary, InetAddress alternate);
}
