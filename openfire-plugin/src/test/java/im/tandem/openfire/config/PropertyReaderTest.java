package im.tandem.openfire.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PropertyReaderTest {
    private final PropertyReader reader = new PropertyReader(Map.of("n", " 42 ", "big", "5000", "word", "many",
            "yes", "TRUE", "maybe", "perhaps", "zone", "Mars/Olympus", "blank", "  ")::get);

    @Test
    void goodValuesAreReadAndBadOrMissingOnesFallBackToTheDefault() {
        assertThat(reader.integer("n", 1, 0, 100)).isEqualTo(42);
        assertThat(reader.integer("big", 1, 0, 100)).as("out of range").isEqualTo(1);
        assertThat(reader.integer("word", 1, 0, 100)).as("not a number").isEqualTo(1);
        assertThat(reader.integer("missing", 7, 0, 100)).isEqualTo(7);
        assertThat(reader.bool("yes", false)).isTrue();
        assertThat(reader.bool("maybe", true)).isTrue();
        assertThat(reader.zone("zone", ZoneId.of("UTC"))).isEqualTo(ZoneId.of("UTC"));
        assertThat(reader.string("blank", "fallback")).isEqualTo("fallback");
        assertThat(reader.seconds("n", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofSeconds(42));
    }
}
