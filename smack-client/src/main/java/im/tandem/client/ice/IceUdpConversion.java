package im.tandem.client.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceCredentials;
import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpCandidateType;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Fingerprint;
import im.tandem.ice.session.CandidateType;
import im.tandem.ice.session.IceCandidate;
import im.tandem.ice.session.LocalDescription;

/**
 * Converts between the Jingle ICE-UDP elements (XEP-0176, XEP-0320) and ice-bridge's plain ICE values: our
 * {@link LocalDescription} and channel fingerprint become a transport to send, and the peer's candidates and
 * fingerprint become what the ICE session and the channel take. The only class that knows both sides.
 */
public final class IceUdpConversion {
    /**
     * RFC 8839 §5.1 lets a reflexive or relayed candidate hide where it came from as 0.0.0.0 port 0; used when ICE
     * did not record the related address, since XEP-0176 requires the attributes on such candidates.
     */
    static final InetSocketAddress HIDDEN_RELATED = new InetSocketAddress(anyAddress(), 0);
    /** Candidate ids are only unique names within a session; a prefix keeps them valid XML names. */
    private static final String ID_PREFIX = "c";

    private IceUdpConversion() {
    }

    /** Our side's transport: credentials, the fingerprint of our channel certificate and every candidate. */
    public static IceUdpTransport toTransport(LocalDescription local, Fingerprint fingerprint, DtlsSetup setup) {
        IceUdpTransport.Builder transport = IceUdpTransport.builder()
                .credentials(new IceCredentials(local.ufrag(), local.password()))
                .fingerprint(new DtlsFingerprint(fingerprint.algorithm(), setup, fingerprint.value()));
        List<IceCandidate> candidates = local.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            transport.candidate(toElement(candidates.get(i), ID_PREFIX + (i + 1)));
        }
        return transport.build();
    }

    /** One candidate as XEP-0176 writes it, on the first network (the session has a single component). */
    static IceUdpCandidate toElement(IceCandidate candidate, String id) {
        IceUdpCandidate.Builder element = IceUdpCandidate.builder()
                .component(candidate.component())
                .foundation(candidate.foundation())
                .generation(candidate.generation())
                .id(id)
                .ip(numeric(candidate.ip()))
                .port(candidate.port())
                .priority(candidate.priority())
                .type(toElementType(candidate.type()));
        if (candidate.type() != CandidateType.HOST) {
            InetSocketAddress related = candidate.relatedAddress() == null ? HIDDEN_RELATED
                    : new InetSocketAddress(numeric(candidate.relatedAddress()), candidate.relatedPort());
            element.related(related.getAddress().getHostAddress(), related.getPort());
        }
        return element.build();
    }

    /**
     * The peer's candidates, in the order it sent them.
     *
     * @throws IllegalArgumentException if ICE cannot use one of them; {@link #fromElement} takes them one at a time
     */
    public static List<IceCandidate> candidates(IceUdpTransport transport) {
        return transport.candidates().stream().map(IceUdpConversion::fromElement).toList();
    }

    /**
     * One of the peer's candidates, for the ICE session.
     *
     * @throws IllegalArgumentException if ICE cannot use it (a value outside what ice-bridge accepts)
     */
    public static IceCandidate fromElement(IceUdpCandidate element) {
        Optional<InetSocketAddress> related = element.related();
        return new IceCandidate(element.foundation(), element.component(), IceCandidate.UDP, element.priority(),
                element.ip().getHostAddress(), element.port(), fromElementType(element.type()),
                related.map(address -> address.getAddress().getHostAddress()).orElse(null),
                related.map(InetSocketAddress::getPort).orElse(0), element.generation());
    }

    /**
     * The peer's certificate fingerprint as the channel checks it.
     *
     * @throws IllegalArgumentException if the hash is one the channel does not accept (only sha-256)
     */
    public static Fingerprint fingerprint(DtlsFingerprint element) {
        return Fingerprint.parse(element.hash(), element.value());
    }

    private static IceUdpCandidateType toElementType(CandidateType type) {
        return switch (type) {
            case HOST -> IceUdpCandidateType.HOST;
            case SRFLX -> IceUdpCandidateType.SERVER_REFLEXIVE;
            case PRFLX -> IceUdpCandidateType.PEER_REFLEXIVE;
            case RELAY -> IceUdpCandidateType.RELAYED;
        };
    }

    private static CandidateType fromElementType(IceUdpCandidateType type) {
        return switch (type) {
            case HOST -> CandidateType.HOST;
            case SERVER_REFLEXIVE -> CandidateType.SRFLX;
            case PEER_REFLEXIVE -> CandidateType.PRFLX;
            case RELAYED -> CandidateType.RELAY;
        };
    }

    /** IceCandidate holds numeric addresses only, so this never looks a name up; an IPv6 scope is dropped. */
    private static InetAddress numeric(String ip) {
        try {
            return InetAddress.getByAddress(InetAddress.getByName(ip).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("candidate address '" + ip + "' is not numeric", e);
        }
    }

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an IPv4 address", e);
        }
    }
}
