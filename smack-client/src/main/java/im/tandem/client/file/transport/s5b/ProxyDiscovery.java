package im.tandem.client.file.transport.s5b;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jxmpp.jid.DomainBareJid;

/**
 * Finds the SOCKS5 proxies (XEP-0065 streamhosts) our server offers: the services that advertise
 * {@code http://jabber.org/protocol/bytestreams}, each asked for its network address. These are the only SOCKS5
 * candidates we ever offer; we never run a SOCKS5 server of our own.
 */
final class ProxyDiscovery {
    private static final Logger LOG = Logger.getLogger(ProxyDiscovery.class.getName());

    private final XMPPConnection connection;
    /** A server's proxies do not change while we are connected; asked once they are remembered. */
    private volatile List<Bytestream.StreamHost> known = List.of();

    ProxyDiscovery(XMPPConnection connection) {
        this.connection = connection;
    }

    /** The streamhosts, empty when the server has none (not remembered then: one may be switched on later). */
    List<Bytestream.StreamHost> streamHosts() throws InterruptedException {
        List<Bytestream.StreamHost> hosts = known;
        if (!hosts.isEmpty()) {
            return hosts;
        }
        hosts = discover();
        known = hosts;
        return hosts;
    }

    private List<Bytestream.StreamHost> discover() throws InterruptedException {
        List<DomainBareJid> proxies;
        try {
            proxies = ServiceDiscoveryManager.getInstanceFor(connection).findServices(Bytestream.NAMESPACE, false, true);
        } catch (XMPPException | SmackException e) {
            LOG.log(Level.FINE, "cannot list the server's services", e);
            return List.of();
        }
        List<Bytestream.StreamHost> hosts = new ArrayList<>();
        for (DomainBareJid proxy : proxies) {
            Bytestream query = new Bytestream();
            query.setType(IQ.Type.get);
            query.setTo(proxy);
            try {
                Bytestream answer = connection.createStanzaCollectorAndSend(query).nextResultOrThrow();
                hosts.addAll(answer.getStreamHosts());
            } catch (XMPPException | SmackException e) {
                LOG.log(Level.FINE, "the proxy " + proxy + " did not give its address", e);
            }
        }
        return List.copyOf(hosts);
    }
}
