package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArqConfigTest {

    private static final ArqConfig DEFAULTS = ArqConfig.defaults();

    @Test
    void theDefaultsAreValidAndLeaveRoomForPayload() {
        assertThat(DEFAULTS.maxDatagramBytes()).isEqualTo(ArqConfig.DEFAULT_MAX_DATAGRAM_BYTES);
        assertThat(DEFAULTS.segmentBytes()).isEqualTo(ArqConfig.DEFAULT_MAX_DATAGRAM_BYTES - Packet.HEADER_BYTES);
    }

    @Test
    void datagramSizeOutsideWhatUdpAndTheAcksNeedIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DEFAULTS.withMaxDatagramBytes(ArqConfig.MIN_DATAGRAM_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDatagramBytes");
        assertThatThrownBy(() -> DEFAULTS.withMaxDatagramBytes(ArqConfig.MAX_DATAGRAM_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDatagramBytes");
        assertThat(DEFAULTS.withMaxDatagramBytes(ArqConfig.MIN_DATAGRAM_BYTES).maxDatagramBytes())
                .isEqualTo(ArqConfig.MIN_DATAGRAM_BYTES);
    }

    @Test
    void buffersMustHoldTwoSegments() {
        int twoSegments = 2 * DEFAULTS.segmentBytes();

        assertThatThrownBy(() -> DEFAULTS.withReceiveBufferBytes(twoSegments - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiveBufferBytes");
        assertThatThrownBy(() -> DEFAULTS.withSendBufferBytes(twoSegments - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendBufferBytes");
        assertThat(DEFAULTS.withReceiveBufferBytes(twoSegments).withSendBufferBytes(twoSegments)).isNotNull();
    }

    @Test
    void theKeepAliveMustBePositiveAndFitTwiceIntoThePeerTimeout() {
        assertThatThrownBy(() -> DEFAULTS.withKeepAliveInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveInterval");
        assertThatThrownBy(() -> DEFAULTS.withKeepAliveInterval(Duration.ofSeconds(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peerTimeout");
        assertThatThrownBy(() -> DEFAULTS.withPeerTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("peerTimeout");
        assertThat(DEFAULTS.withKeepAliveInterval(Duration.ofSeconds(5)).keepAliveInterval())
                .isEqualTo(Duration.ofSeconds(5));
    }
}
