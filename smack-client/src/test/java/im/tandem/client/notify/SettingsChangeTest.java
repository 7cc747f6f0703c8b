package im.tandem.client.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The values a change puts in the server's settings form, in the form's own terms. */
class SettingsChangeTest {
    @Test
    void valuesAreWrittenAsTheFormExpectsThem() {
        Map<String, List<String>> fields = new SettingsChange().holdOff(Duration.ofMinutes(2)).digest(false)
                .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 5)).whenAway(Duration.ofMinutes(10)).fields();
        assertThat(fields).containsEntry("holdoff", List.of("120")).containsEntry("digest", List.of("0"))
                .containsEntry("quiet_start", List.of("22:00")).containsEntry("quiet_end", List.of("07:05"))
                .containsEntry("away", List.of("600"));
        assertThat(new SettingsChange().whenAway(Duration.ofMinutes(10)).notWhenAway().fields())
                .as("the last word counts; 0 is off").containsExactly(Map.entry("away", List.of("0")));
    }
}
