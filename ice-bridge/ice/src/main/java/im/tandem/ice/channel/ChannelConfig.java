package im.tandem.ice.channel;

import im.tandem.ice.channel.arq.ArqConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Channel}; every value is checked when set, naming the setting.
 *
 * @param handshakeTimeout how long the TLS handshake may take, lost datagrams and slow peers included
 * @param closeTimeout     how long {@link Channel#close()} waits without any acknowledgement from the peer
 *                         before it gives up delivering the last bytes
 * @param stream           settings of the reliable stream under TLS
 */
public record ChannelConfig(Duration handshakeTimeout, Duration closeTimeout, ArqConfig stream) {

    /** Same as the ICE failure limit: a peer that needs longer is not usefully reachable for chat. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Several retransmission timeouts even on a slow path, yet close never hangs long on a dead one. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(2);

    public ChannelConfig {
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(closeTimeout, "closeTimeout");
        Objects.requireNonNull(stream, "stream");
    }

    private static void requirePositive(Duration value, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }

    public static ChannelConfig defaults() {
        return new ChannelConfig(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT, ArqConfig.defaults());
    }

    public ChannelConfig withHandshakeTimeout(Duration value) {
        return new ChannelConfig(value, closeTimeout, stream);
    }

    public ChannelConfig withCloseTimeout(Duration value) {
        return new ChannelConfig(handshakeTimeout, value, stream);
    }

    public ChannelConfig withStream(ArqConfig value) {
        return new ChannelConfig(handshakeTimeout, closeTimeout, value);
    }
}
