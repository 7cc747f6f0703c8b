package im.tandem.ice.session;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Candidate;
import org.ice4j.ice.Component;
import org.ice4j.ice.RemoteCandidate;

/** Converts between ice4j candidates and our plain {@link IceCandidate}; the only place that knows both. */
final class Ice4jCandidates {

    private Ice4jCandidates() {
    }

    static IceCandidate describe(Candidate<?> candidate, int generation) {
        TransportAddress address = candidate.getTransportAddress();
        TransportAddress related = candidate.getRelatedAddress();
        return new IceCandidate(candidate.getFoundation(), candidate.getParentComponent().getComponentID(),
                IceCandidate.UDP, candidate.getPriority(), address.getHostAddress(), address.getPort(),
                typeOf(candidate.getType()), related == null ? null : related.getHostAddress(),
                related == null ? 0 : related.getPort(), generation);
    }

    static RemoteCandidate toRemote(IceCandidate candidate, Component component, String remoteUfrag) {
        RemoteCandidate related = candidate.relatedAddress() == null ? null
                : component.findRemoteCandidate(new TransportAddress(candidate.relatedAddress(),
                        candidate.relatedPort(), Transport.UDP));
        return new RemoteCandidate(new TransportAddress(candidate.ip(), candidate.port(), Transport.UDP),
                component, toIce4j(candidate.type()), candidate.foundation(), candidate.priority(), related,
                remoteUfrag);
    }

    static CandidateType typeOf(org.ice4j.ice.CandidateType type) {
        return switch (type) {
            case HOST_CANDIDATE, LOCAL_CANDIDATE -> CandidateType.HOST;
            case SERVER_REFLEXIVE_CANDIDATE, STUN_CANDIDATE -> CandidateType.SRFLX;
            case PEER_REFLEXIVE_CANDIDATE -> CandidateType.PRFLX;
            case RELAYED_CANDIDATE -> CandidateType.RELAY;
        };
    }

    private static org.ice4j.ice.CandidateType toIce4j(CandidateType type) {
        return switch (type) {
            case HOST -> org.ice4j.ice.CandidateType.HOST_CANDIDATE;
            case SRFLX -> org.ice4j.ice.CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case PRFLX -> org.ice4j.ice.CandidateType.PEER_REFLEXIVE_CANDIDATE;
            case RELAY -> org.ice4j.ice.CandidateType.RELAYED_CANDIDATE;
        };
    }
}
