package im.tandem.client.file.transport.s5b;

import java.util.Optional;

import im.tandem.client.file.element.S5bCandidate;

/**
 * XEP-0260 §2.4: which candidate carries the data once both parties reported. The one candidate used wins; of two,
 * the higher priority wins, and on equal priority the one the initiator chose (a candidate the responder offered).
 */
final class S5bNomination {
    private S5bNomination() {
    }

    /**
     * @param usedByInitiator the responder's candidate the initiator connected to, empty after its candidate-error
     * @param usedByResponder the initiator's candidate the responder connected to, empty after its candidate-error
     * @return the nominated candidate, empty when both reported candidate-error (SOCKS5 has failed)
     */
    static Optional<S5bCandidate> choose(Optional<S5bCandidate> usedByInitiator,
            Optional<S5bCandidate> usedByResponder) {
        if (usedByInitiator.isEmpty() || usedByResponder.isEmpty()) {
            return usedByInitiator.isPresent() ? usedByInitiator : usedByResponder;
        }
        return usedByResponder.get().priority() > usedByInitiator.get().priority() ? usedByResponder : usedByInitiator;
    }
}
