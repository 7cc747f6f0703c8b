package im.tandem.openfire.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
    private static final QuietHours LUNCH = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));

    @Test
    void aPeriodPastMidnightContainsTheLateEveningAndTheEarlyMorning() {
        assertThat(NIGHT.contains(LocalTime.of(22, 0))).isTrue();
        assertThat(NIGHT.contains(LocalTime.of(3, 0))).isTrue();
        assertThat(NIGHT.contains(LocalTime.of(6, 59))).isTrue();
        assertThat(NIGHT.contains(LocalTime.of(7, 0))).as("the end is outside").isFalse();
        assertThat(NIGHT.contains(LocalTime.of(12, 0))).isFalse();
        assertThat(LUNCH.contains(LocalTime.of(12, 45))).isTrue();
        assertThat(LUNCH.contains(LocalTime.of(11, 59))).isFalse();
    }

    @Test
    void aMomentInsideIsDeferredToTheEndInTheUsersZone() {
        // 23:30 in Berlin (summer, UTC+2) is 21:30 UTC; the period ends at 07:00 Berlin, 05:00 UTC next day.
        assertThat(NIGHT.nextAllowed(Instant.parse("2024-06-10T21:30:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2024-06-11T05:00:00Z"));
        // 02:00 in Berlin: the end is the same morning.
        assertThat(NIGHT.nextAllowed(Instant.parse("2024-06-11T00:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2024-06-11T05:00:00Z"));
        Instant noon = Instant.parse("2024-06-11T10:00:00Z");
        assertThat(NIGHT.nextAllowed(noon, BERLIN)).as("outside: unchanged").isEqualTo(noon);
    }

    @Test
    void anEndInsideADaylightSavingGapMovesForwardNotBack() {
        QuietHours untilGap = new QuietHours(LocalTime.of(1, 0), LocalTime.of(2, 30));
        // 31 March 2024: Berlin jumps from 02:00 to 03:00; 02:30 does not exist and becomes 03:30 (01:30 UTC).
        assertThat(untilGap.nextAllowed(Instant.parse("2024-03-31T00:15:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
    }

    @Test
    void timesParseAsHoursAndMinutesOnly() throws Exception {
        assertThat(QuietHours.parseTime(" 07:05 ")).isEqualTo(LocalTime.of(7, 5));
        assertThatThrownBy(() -> QuietHours.parseTime("7pm")).isInstanceOf(InvalidValueException.class)
                .hasMessage("must be a time of day as HH:MM (00:00 to 23:59), got '7pm'");
        assertThatThrownBy(() -> QuietHours.parseTime("24:00")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
