package im.tandem.client.file.transport.s5b;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportNegotiation;
import im.tandem.client.jingle.session.SessionIds;

/** SOCKS5 bytestreams (XEP-0260) through the server's proxies, for one connection. */
public final class S5bFactory implements TransportFactory {
    private final StreamHosts proxies;

    public S5bFactory(XMPPConnection connection) {
        this(new ProxyDiscovery(connection)::streamHosts);
    }

    S5bFactory(StreamHosts proxies) {
        this.proxies = proxies;
    }

    /**
     * @throws IOException when the server has no proxy: with nothing to offer, the transfer would depend on the
     *                     receiver's proxy relaying towards the sender, which not every proxy does
     */
    @Override
    public TransportNegotiation offer(NegotiationContext context) throws IOException {
        List<Bytestream.StreamHost> hosts = streamHosts();
        if (hosts.isEmpty()) {
            throw new IOException("the server offers no SOCKS5 proxy (XEP-0065)");
        }
        List<S5bCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            candidates.add(candidate(hosts.get(i), S5bCandidateType.PROXY.priority(
                    S5bCandidateType.MAX_LOCAL_PREFERENCE - i)));
        }
        return new S5bNegotiation(context, filter(context, hosts), SessionIds.next(), candidates);
    }

    /** Our proxies except those the initiator offered, ranked just below the initiator's proxies. */
    @Override
    public TransportNegotiation answer(NegotiationContext context, JingleContentTransport offer)
            throws IOException, BadTransportException {
        if (!(offer instanceof S5bTransport remote)) {
            throw new BadTransportException("expected an " + S5bTransport.NAMESPACE + " transport");
        }
        OptionalLong lowestProxy = remote.s5bCandidates().stream()
                .filter(candidate -> candidate.type() == S5bCandidateType.PROXY)
                .mapToLong(S5bCandidate::priority).min();
        long top = lowestProxy.isPresent() ? lowestProxy.getAsLong() - 1
                : S5bCandidateType.PROXY.priority(S5bCandidateType.MAX_LOCAL_PREFERENCE);
        List<Bytestream.StreamHost> hosts = streamHosts();
        List<S5bCandidate> candidates = new ArrayList<>();
        for (Bytestream.StreamHost host : hosts) {
            long priority = top - candidates.size();
            if (priority < 1) {
                break;
            }
            S5bCandidate candidate = candidate(host, priority);
            if (remote.s5bCandidates().stream().noneMatch(candidate::sameHostAndPort)) {
                candidates.add(candidate);
            }
        }
        return new S5bNegotiation(context, filter(context, hosts), remote.sid(), candidates);
    }

    /** The peer's candidates we may connect to: our server's proxies, and its own hosts if the user allowed. */
    private static S5bCandidateFilter filter(NegotiationContext context, List<Bytestream.StreamHost> ourProxies) {
        return new S5bCandidateFilter(ourProxies, context.settings().directS5bCandidates(),
                context.settings().maxS5bCandidates());
    }

    private List<Bytestream.StreamHost> streamHosts() throws IOException {
        try {
            return proxies.streamHosts();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking for the server's SOCKS5 proxies", e);
        }
    }

    /** Where our SOCKS5 proxies come from: the server's, as {@link ProxyDiscovery} finds them; a list in tests. */
    interface StreamHosts {
        List<Bytestream.StreamHost> streamHosts() throws InterruptedException;
    }

    private static S5bCandidate candidate(Bytestream.StreamHost host, long priority) {
        return new S5bCandidate(SessionIds.next(), host.getAddress().getRaw().toString(), host.getJID(),
                host.getPort(), priority, S5bCandidateType.PROXY);
    }
}
