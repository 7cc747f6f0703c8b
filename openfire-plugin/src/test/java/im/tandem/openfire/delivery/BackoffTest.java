package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.config.PropertyReader;

class BackoffTest {
    @Test
    void theWaitDoublesFromTheBaseUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 10);
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(500)).as("no overflow for absurd counts").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void attemptsRunOutAtTheLimit() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
        assertThat(backoff.exhausted(2)).isFalse();
        assertThat(backoff.exhausted(3)).isTrue();
    }

    @Test
    void inconsistentValuesAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(5), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(5), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertiesSetItAndAMaximumBelowTheBaseFallsBackToTheBase() {
        Backoff backoff = Backoff.load(new PropertyReader(Map.of(Backoff.BASE, "120", Backoff.MAX, "60",
                Backoff.ATTEMPTS, "4")::get));
        assertThat(backoff).isEqualTo(new Backoff(Duration.ofSeconds(120), Duration.ofHours(1), 4));
        assertThat(Backoff.load(new PropertyReader(Map.<String, String>of()::get)))
                .isEqualTo(new Backoff(Backoff.DEFAULT_BASE, Backoff.DEFAULT_MAX, Backoff.DEFAULT_ATTEMPTS));
    }
}
