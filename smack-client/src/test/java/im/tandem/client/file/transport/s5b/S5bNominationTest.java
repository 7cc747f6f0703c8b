package im.tandem.client.file.transport.s5b;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;

/** XEP-0260 §2.4's four cases. */
class S5bNominationTest {
    private static final S5bCandidate INITIATORS_PROXY = proxy("i1", 65535);
    private static final S5bCandidate RESPONDERS_PROXY = proxy("r1", 65534);
    private static final S5bCandidate RESPONDERS_DIRECT = new S5bCandidate("r2", "192.0.2.7",
            JidCreate.fromOrThrowUnchecked("juliet@capulet.example/balcony"), 6539,
            S5bCandidateType.DIRECT.priority(0), S5bCandidateType.DIRECT);

    @Test
    void bothFailedNominatesNothing() {
        assertThat(S5bNomination.choose(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void theOnlyCandidateUsedWins() {
        assertThat(S5bNomination.choose(Optional.empty(), Optional.of(INITIATORS_PROXY))).contains(INITIATORS_PROXY);
        assertThat(S5bNomination.choose(Optional.of(RESPONDERS_PROXY), Optional.empty())).contains(RESPONDERS_PROXY);
    }

    @Test
    void ofTwoTheHigherPriorityWins() {
        assertThat(S5bNomination.choose(Optional.of(RESPONDERS_PROXY), Optional.of(INITIATORS_PROXY)))
                .as("our responder ranks its proxies below the initiator's, so the sender's proxy wins")
                .contains(INITIATORS_PROXY);
        assertThat(S5bNomination.choose(Optional.of(RESPONDERS_DIRECT), Optional.of(INITIATORS_PROXY)))
                .as("a direct connection beats any proxy").contains(RESPONDERS_DIRECT);
    }

    @Test
    void onEqualPriorityTheInitiatorsChoiceWins() {
        S5bCandidate samePriority = proxy("r3", 65535);

        assertThat(S5bNomination.choose(Optional.of(samePriority), Optional.of(INITIATORS_PROXY)))
                .contains(samePriority);
    }

    private static S5bCandidate proxy(String cid, int localPreference) {
        return new S5bCandidate(cid, "127.0.0.1", JidCreate.fromOrThrowUnchecked("proxy.localhost"), 7777,
                S5bCandidateType.PROXY.priority(localPreference), S5bCandidateType.PROXY);
    }
}
