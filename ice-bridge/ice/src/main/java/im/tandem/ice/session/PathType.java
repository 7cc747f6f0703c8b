package im.tandem.ice.session;

/**
 * How the selected pair reaches the peer, judged by the least direct of its two candidates, each as the other end
 * sees it: a host candidate whose checks reached the peer through a NAT counts as reflexive.
 */
public enum PathType {
    /** Both ends on the same network: no NAT in between. */
    HOST,
    /** Through at least one NAT, without a relay (server- or peer-reflexive candidates). */
    SRFLX,
    /** Through a TURN relay, which sees only the channel's ciphertext. */
    RELAY;

    static PathType of(CandidateType local, CandidateType remote) {
        if (local == CandidateType.RELAY || remote == CandidateType.RELAY) {
            return RELAY;
        }
        if (local == CandidateType.HOST && remote == CandidateType.HOST) {
            return HOST;
        }
        return SRFLX;
    }
}
