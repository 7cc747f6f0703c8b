package im.tandem.ice.nat;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetransmissionScheduleTest {

    @Test
    void intervalsDoubleUntilTheBudget() {
        assertThat(RetransmissionSchedule.FIRST_PROBE.sendOffsets()).containsExactly(Duration.ZERO,
                Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(700), Duration.ofMillis(1500));
        assertThat(RetransmissionSchedule.FOLLOW_UP.sendOffsets()).containsExactly(Duration.ZERO,
                Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(700));
    }

    @Test
    void blockedIsReportedWithinThreeSeconds() {
        assertThat(RetransmissionSchedule.FIRST_PROBE.budget()).isLessThan(Duration.ofSeconds(3));
        assertThat(RetransmissionSchedule.FOLLOW_UP.budget()).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetransmissionSchedule(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("initialRto");
        assertThatThrownBy(() -> new RetransmissionSchedule(Duration.ofSeconds(1), Duration.ofMillis(1)))
                .hasMessageContaining("budget");
    }
}
