package im.tandem.client.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DirectConfigTest {
    private static final DirectConfig DEFAULTS = DirectConfig.onInterfaces(List.of("eth0"));

    @Test
    void defaultsRestrictIceToTheGivenInterfaces() {
        assertThat(DEFAULTS.ice().allowedInterfaces()).containsExactly("eth0");
        assertThat(DEFAULTS.ackTimeout()).isEqualTo(DirectConfig.DEFAULT_ACK_TIMEOUT);
        assertThat(DEFAULTS.ice().stunServers()).isEmpty();
    }

    @Test
    void theRetryDelayDoublesPerFailureUpToItsCap() {
        DirectConfig config = DEFAULTS.withRetryDelay(Duration.ofSeconds(10));

        assertThat(config.retryDelayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retryDelayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.retryDelayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(config.retryDelayAfter(50)).isEqualTo(DirectConfig.MAX_RETRY_DELAY);
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DEFAULTS.withAckTimeout(Duration.ZERO)).hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> DEFAULTS.withRetryDelay(Duration.ofHours(1))).hasMessageContaining("retryDelay");
        assertThatThrownBy(() -> DEFAULTS.withReceiptWait(Duration.ofSeconds(-1))).hasMessageContaining("receiptWait");
        assertThatThrownBy(() -> DEFAULTS.withMaxStanzaBytes(DirectConfig.MIN_STANZA_BYTES - 1))
                .hasMessageContaining("maxStanzaBytes");
        assertThatThrownBy(() -> DEFAULTS.withSetupTimeout(Duration.ofSeconds(5)))
                .hasMessageContaining("setupTimeout").hasMessageContaining("connectTimeout");
    }
}
