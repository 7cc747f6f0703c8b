package im.tandem.client.file.transport.s5b;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.minidns.util.InetAddressUtil;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;

/**
 * Which of a contact's SOCKS5 candidates we connect to. Each connection goes where the contact says and shows it
 * our address, so a contact must not be able to make us scan our network or its own server's proxies learn
 * where we are: we connect to the proxies our own server announces (same JID, host and port), and to a
 * contact's own SOCKS5 host only when the user allowed direct connections, and only by IP address (a host name
 * would be looked up at a name server of the contact's choosing), never a wildcard or multicast one, and a loopback
 * one only when our server's proxies are on loopback too: then the server, and so the contact's client, run on this
 * machine (a local set-up), and the contact could reach those ports itself. At most {@code max} candidates, the
 * highest priority first, are kept.
 */
final class S5bCandidateFilter implements S5bNegotiation.CandidateFilter {
    private static final Logger LOG = Logger.getLogger(S5bCandidateFilter.class.getName());

    private final List<Bytestream.StreamHost> ourProxies;
    private final boolean directAllowed;
    private final boolean loopbackAllowed;
    private final int max;

    /**
     * @param ourProxies    the streamhosts our server announced
     * @param directAllowed whether the user allowed direct connections
     * @param max           the most candidates kept
     */
    S5bCandidateFilter(List<Bytestream.StreamHost> ourProxies, boolean directAllowed, int max) {
        this.ourProxies = List.copyOf(ourProxies);
        this.directAllowed = directAllowed;
        this.loopbackAllowed = !ourProxies.isEmpty() && ourProxies.stream().allMatch(proxy ->
                address(proxy.getAddress().getRaw().toString()).filter(InetAddress::isLoopbackAddress).isPresent());
        this.max = max;
    }

    /** The candidates we may connect to, in the order given (highest priority first), at most {@code max}. */
    @Override
    public List<S5bCandidate> usable(List<S5bCandidate> offered) {
        return offered.stream().filter(this::allowed).limit(max).toList();
    }

    private boolean allowed(S5bCandidate candidate) {
        if (ourProxies.stream().anyMatch(proxy -> isProxy(candidate, proxy))) {
            return true;
        }
        boolean allowed = directAllowed && candidate.type() != S5bCandidateType.PROXY
                && connectable(candidate.host());
        if (!allowed) {
            LOG.log(Level.FINE, "not connecting to the contact's SOCKS5 {0}", candidate);
        }
        return allowed;
    }

    private static boolean isProxy(S5bCandidate candidate, Bytestream.StreamHost proxy) {
        return candidate.jid().equals(proxy.getJID()) && candidate.port() == proxy.getPort()
                && candidate.host().equalsIgnoreCase(proxy.getAddress().getRaw().toString());
    }

    /** A contact's own host we may connect to: an IP address, not wildcard or multicast, loopback only locally. */
    private boolean connectable(String host) {
        Optional<InetAddress> address = address(host);
        return address.isPresent() && !address.get().isAnyLocalAddress() && !address.get().isMulticastAddress()
                && (loopbackAllowed || !address.get().isLoopbackAddress());
    }

    /**
     * The address {@code host} writes out, or empty for anything else. Checked as text first (with the DNS
     * library Smack brings), so that a name is never looked up; an IPv4-mapped IPv6 address comes back as the
     * IPv4 address it maps.
     */
    private static Optional<InetAddress> address(String host) {
        if (!InetAddressUtil.isIpAddress(host)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host)); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
