package im.tandem.client.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;

import im.tandem.client.extdisco.ExternalService;
import im.tandem.client.extdisco.ExternalServiceDiscoveryManager;
import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.TurnServer;

/**
 * Which STUN and TURN servers an ICE session gathers with, for direct chat and for files alike: those the user's
 * server offers through XEP-0215, asked afresh for each session since TURN credentials expire; when it offers
 * none, those configured statically.
 */
public final class IceServers {
    private static final Logger LOG = Logger.getLogger(IceServers.class.getName());
    /** ice4j relays and asks STUN over UDP; services offered over TCP only are left out. */
    private static final String UDP = "udp";

    private final XMPPConnection connection;

    public IceServers(XMPPConnection connection) {
        this.connection = connection;
    }

    /** {@code base} with the server's STUN and TURN services, or {@code base} as it is when the server has none. */
    public IceConfig configFor(IceConfig base) throws InterruptedException {
        List<ExternalService> offered;
        try {
            ExternalServiceDiscoveryManager discovery = ExternalServiceDiscoveryManager.getInstanceFor(connection);
            offered = discovery.isSupported() ? discovery.services() : List.of();
        } catch (XMPPException.XMPPErrorException | SmackException.NoResponseException
                 | SmackException.NotConnectedException e) {
            LOG.log(Level.FINE, "no STUN/TURN services from the server (XEP-0215); using the configured ones", e);
            return base;
        }
        List<InetSocketAddress> stun = new ArrayList<>();
        List<TurnServer> turn = new ArrayList<>();
        for (ExternalService service : offered) {
            if (!UDP.equals(service.transport())) {
                continue;
            }
            try {
                InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(service.host()),
                        service.port());
                if (service.isStun()) {
                    stun.add(address);
                } else if (service.isTurn() && service.username().isPresent() && service.password().isPresent()) {
                    turn.add(new TurnServer(address, service.username().get(), service.password().get()));
                }
            } catch (UnknownHostException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "ignoring the server's " + service.type() + " service at " + service.host()
                        + ":" + service.port() + ": " + e.getMessage(), e);
            }
        }
        return stun.isEmpty() && turn.isEmpty() ? base : base.withStunServers(stun).withTurnServers(turn);
    }
}
