package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CongestionWindowTest {

    private static final int SEGMENT = 1000;
    private static final long MAXIMUM = 100 * SEGMENT;

    private final CongestionWindow window = new CongestionWindow(SEGMENT, MAXIMUM);

    @Test
    void startsAtTenSegmentsOrTheMaximumIfSmaller() {
        assertThat(window.bytes()).isEqualTo(10 * SEGMENT);
        assertThat(new CongestionWindow(SEGMENT, 5 * SEGMENT).bytes()).isEqualTo(5 * SEGMENT);
        assertThat(new CongestionWindow(SEGMENT, SEGMENT).bytes()).as("never below two segments")
                .isEqualTo(2 * SEGMENT);
    }

    @Test
    void slowStartGrowsByEveryDeliveredByte() {
        window.onDelivered(10 * SEGMENT);

        assertThat(window.bytes()).isEqualTo(20 * SEGMENT);
    }

    @Test
    void neverGrowsBeyondTheMaximum() {
        window.onDelivered(1000 * MAXIMUM);

        assertThat(window.bytes()).isEqualTo(MAXIMUM);
    }

    @Test
    void aLossHalvesTheWindowThenItGrowsBySegmentPerWindowDelivered() {
        window.onLoss(5, 20);
        assertThat(window.bytes()).isEqualTo(5 * SEGMENT);

        window.onDelivered(5 * SEGMENT); // one window's worth: one more segment

        assertThat(window.bytes()).isEqualTo(6 * SEGMENT);
    }

    @Test
    void lossesOfOneEpisodeHalveOnceAndALaterEpisodeAgain() {
        window.onLoss(5, 20);
        window.onLoss(6, 25);
        window.onLoss(19, 25);
        assertThat(window.bytes()).as("segments sent before the first loss was noticed").isEqualTo(5 * SEGMENT);

        window.onLoss(20, 30);

        assertThat(window.bytes()).isEqualTo(2500);
    }

    @Test
    void lossesNeverShrinkItBelowTwoSegments() {
        for (int episode = 0; episode < 10; episode++) {
            window.onLoss(episode * 10, episode * 10 + 10);
        }

        assertThat(window.bytes()).isEqualTo(2 * SEGMENT);
    }

    @Test
    void aTimeoutCollapsesToTwoSegmentsAndSlowStartsBackToHalfTheOldWindow() {
        window.onTimeout(20);
        assertThat(window.bytes()).isEqualTo(2 * SEGMENT);

        window.onDelivered(3 * SEGMENT);
        assertThat(window.bytes()).as("slow start up to half of 10 segments").isEqualTo(5 * SEGMENT);
        window.onDelivered(5 * SEGMENT);
        assertThat(window.bytes()).as("then one segment per window").isEqualTo(6 * SEGMENT);

        window.onLoss(19, 30);
        assertThat(window.bytes()).as("a loss from before the timeout is already answered").isEqualTo(6 * SEGMENT);
    }
}
