package im.tandem.ice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectFirstNominatorTest {

    /** Holds the delayed tasks until the test lets the time pass. */
    private final List<Runnable> pending = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> nominated = new ArrayList<>();
    private final DirectFirstNominator<String> nominator = new DirectFirstNominator<>((delay, task) -> {
        delays.add(delay);
        pending.add(task);
    }, nominated::add);

    private void graceEnds() {
        List<Runnable> due = new ArrayList<>(pending);
        pending.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void aDirectPairIsNominatedAsSoonAsItIsValidAndOnlyOnce() {
        nominator.validated("srflx-srflx", 0);
        nominator.validated("host-host", 0);

        assertThat(nominated).containsExactly("srflx-srflx");
        assertThat(pending).isEmpty();
    }

    @Test
    void aRelayedPairWaitsTheGraceAndLosesToADirectPairValidMeanwhile() {
        nominator.validated("relay-srflx", 1);
        assertThat(nominated).isEmpty();
        assertThat(delays).containsExactly(DirectFirstNominator.RELAY_GRACE);

        nominator.validated("prflx-srflx", 0);
        graceEnds();

        assertThat(nominated).containsExactly("prflx-srflx");
    }

    @Test
    void aRelayedPairIsNominatedWhenNoDirectPairIsValidByTheEndOfTheGrace() {
        nominator.validated("relay-srflx", 1);
        nominator.validated("relay-relay", 2);
        graceEnds();
        nominator.validated("srflx-srflx", 0);

        assertThat(nominated).containsExactly("relay-srflx");
    }

    @Test
    void theGraceRunsFromTheFirstRelayedPairAndEndsWithTheOneThatCrossesTheRelayOnce() {
        nominator.validated("relay-relay", 2);
        nominator.validated("relay-prflx", 1);
        nominator.validated("host-relay", 1);
        nominator.validated("relay-relay 2", 2);
        assertThat(delays).containsExactly(DirectFirstNominator.RELAY_GRACE);

        graceEnds();

        assertThat(nominated).containsExactly("relay-prflx");
    }

    @Test
    void aPairCannotHaveMoreThanTwoRelayedEnds() {
        assertThatThrownBy(() -> nominator.validated("three", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 2");
        assertThatThrownBy(() -> nominator.validated("minus", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedNominationIsTriedAgainOnTheSamePairALimitedNumberOfTimes() {
        nominator.validated("srflx-srflx", 0);
        nominator.validated("host-host", 0);

        for (int failure = 1; failure <= DirectFirstNominator.NOMINATION_ATTEMPTS + 1; failure++) {
            nominator.nominationFailed("srflx-srflx");
        }

        assertThat(nominated).hasSize(DirectFirstNominator.NOMINATION_ATTEMPTS).containsOnly("srflx-srflx");
    }

    @Test
    void aFailedCheckOnAPairNotNominatedChangesNothing() {
        nominator.nominationFailed("relay-srflx");
        nominator.validated("relay-srflx", 1);
        nominator.nominationFailed("relay-srflx");
        graceEnds();
        nominator.nominationFailed("relay-relay");

        assertThat(nominated).containsExactly("relay-srflx");
    }
}
