package im.tandem.ice.session;

import java.util.List;
import java.util.Objects;

/**
 * What we send the peer: our ICE credentials and the candidates gathered so far.
 *
 * @param ufrag      username fragment (RFC 8445 5.3)
 * @param password   password
 * @param candidates in priority order, highest first
 */
public record LocalDescription(String ufrag, String password, List<IceCandidate> candidates) {

    public LocalDescription {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(password, "password");
        candidates = List.copyOf(candidates);
    }
}
