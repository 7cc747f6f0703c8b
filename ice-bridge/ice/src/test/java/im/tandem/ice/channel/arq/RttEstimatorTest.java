package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RttEstimatorTest {

    private static final Duration INITIAL = Duration.ofMillis(250);
    private static final Duration MIN = Duration.ofMillis(25);
    private static final Duration MAX = Duration.ofSeconds(2);

    private final RttEstimator rtt = new RttEstimator(INITIAL, MIN, MAX);

    @Test
    void beforeAnySampleTheTimeoutIsTheInitialOne() {
        assertThat(rtt.rtoNanos()).isEqualTo(INITIAL.toNanos());
    }

    @Test
    void theFirstSampleGivesThreeRoundTrips() {
        rtt.sample(millis(100)); // smoothed 100, deviation 50: 100 + 4 x 50

        assertThat(rtt.rtoNanos()).isEqualTo(millis(300));
    }

    @Test
    void laterSamplesMoveTheMeanByAnEighthAndTheDeviationByAQuarter() {
        rtt.sample(millis(100));
        rtt.sample(millis(200));

        // deviation 3/4 x 50 + 1/4 x |100 - 200| = 62.5; mean 7/8 x 100 + 1/8 x 200 = 112.5
        assertThat(rtt.rtoNanos()).isEqualTo(millis(112.5 + 4 * 62.5));
    }

    @Test
    void aSteadyRoundTripBringsTheTimeoutDownToItself() {
        for (int i = 0; i < 100; i++) {
            rtt.sample(millis(100));
        }

        assertThat(rtt.rtoNanos()).isBetween(millis(100), millis(101));
    }

    @Test
    void theTimeoutStaysWithinItsBounds() {
        rtt.sample(1_000);
        assertThat(rtt.rtoNanos()).isEqualTo(MIN.toNanos());

        RttEstimator slow = new RttEstimator(INITIAL, MIN, MAX);
        slow.sample(millis(1000));
        assertThat(slow.rtoNanos()).isEqualTo(MAX.toNanos());
    }

    @Test
    void backOffDoublesTheTimeoutUpToTheMaximum() {
        long[] seen = new long[5];
        for (int i = 0; i < seen.length; i++) {
            rtt.backOff();
            seen[i] = rtt.rtoNanos();
        }

        assertThat(seen).containsExactly(millis(500), millis(1000), millis(2000), millis(2000), millis(2000));
    }

    @Test
    void aNewSampleAfterBackOffReturnsToTheMeasuredTimeout() {
        rtt.sample(millis(100));
        rtt.backOff();
        rtt.backOff();
        rtt.sample(millis(100));

        // deviation 3/4 x 50 + 0 = 37.5; mean stays 100
        assertThat(rtt.rtoNanos()).isEqualTo(millis(100 + 4 * 37.5));
    }

    private static long millis(double millis) {
        return (long) (millis * 1_000_000);
    }
}
