package im.tandem.ice.session;

import static org.assertj.core.api.Assertions.assertThat;

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
        nominator.validated("srflx-srflx", false);
        nominator.validated("host-host", false);

        assertThat(nominated).containsExactly("srflx-srflx");
        assertThat(pending).isEmpty();
    }

    @Test
    void aRelayedPairWaitsTheGraceAndLosesToADirectPairValidMeanwhile() {
        nominator.validated("relay-srflx", true);
        assertThat(nominated).isEmpty();
        assertThat(delays).containsExactly(DirectFirstNominator.RELAY_GRACE);

        nominator.validated("prflx-srflx", false);
        graceEnds();

        assertThat(nominated).containsExactly("prflx-srflx");
    }

    @Test
    void aRelayedPairIsNominatedWhenNoDirectPairIsValidByTheEndOfTheGrace() {
        nominator.validated("relay-srflx", true);
        nominator.validated("relay-relay", true);
        graceEnds();
        nominator.validated("srflx-srflx", false);

        assertThat(nominated).containsExactly("relay-srflx");
    }
}
