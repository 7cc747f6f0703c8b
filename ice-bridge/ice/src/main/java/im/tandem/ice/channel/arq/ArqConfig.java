package im.tandem.ice.channel.arq;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one reliable stream. Build with {@link #defaults()} and the {@code with…} methods; every value is
 * checked when set, naming the setting.
 *
 * @param maxDatagramBytes  largest datagram sent
 * @param receiveBufferBytes bytes buffered for the reader; the window advertised to the peer. The memory held is
 *                           bounded too: this plus a fixed overhead per segment for as many full segments as fit
 * @param sendBufferBytes   bytes a writer may queue before {@code write} blocks
 * @param peerTimeout       silence from the peer after which the stream fails
 * @param keepAliveInterval how often an idle stream asks the peer for a sign of life
 */
public record ArqConfig(int maxDatagramBytes, int receiveBufferBytes, int sendBufferBytes, Duration peerTimeout,
                        Duration keepAliveInterval) {

    /**
     * 1200 bytes: the size QUIC (RFC 9000 14) assumes every IPv4/IPv6 path carries, even through tunnels and TURN
     * relays, so no datagram is fragmented or dropped for size.
     */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 1200;
    /** Smallest useful datagram: a header, a full set of selective acks and some payload. */
    public static final int MIN_DATAGRAM_BYTES = 576;
    /** Largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;
    /**
     * 4 MiB: the bandwidth-delay product of 300 Mbit/s at 100 ms, so the window, not the buffer, limits real paths;
     * it is memory per open channel, which is fine for a handful of sessions.
     */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Same reasoning as the receive buffer: the sender must hold everything the receiver may be missing. */
    public static final int DEFAULT_SEND_BUFFER_BYTES = 4 * 1024 * 1024;
    /** Matches the ICE failure limit: a path silent this long is as good as gone. */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(10);
    /**
     * One probe a second keeps NAT bindings (which may expire after 30 s, RFC 4787 REQ-5) open with a wide margin,
     * and gives the peer timeout several chances before it fires.
     */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(1);

    public ArqConfig {
        if (maxDatagramBytes < MIN_DATAGRAM_BYTES || maxDatagramBytes > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("maxDatagramBytes must be between " + MIN_DATAGRAM_BYTES + " and "
                    + MAX_DATAGRAM_BYTES + ", was " + maxDatagramBytes);
        }
        int segment = maxDatagramBytes - Packet.HEADER_BYTES;
        if (receiveBufferBytes < 2 * segment) {
            throw new IllegalArgumentException("receiveBufferBytes must hold at least two segments ("
                    + 2 * segment + " bytes), was " + receiveBufferBytes);
        }
        if (sendBufferBytes < 2 * segment) {
            throw new IllegalArgumentException("sendBufferBytes must hold at least two segments ("
                    + 2 * segment + " bytes), was " + sendBufferBytes);
        }
        Objects.requireNonNull(peerTimeout, "peerTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
            throw new IllegalArgumentException("keepAliveInterval must be positive, was " + keepAliveInterval);
        }
        if (peerTimeout.compareTo(keepAliveInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("peerTimeout (" + peerTimeout
                    + ") must be at least twice keepAliveInterval (" + keepAliveInterval
                    + "), or a single lost probe would fail a healthy stream");
        }
    }

    public static ArqConfig defaults() {
        return new ArqConfig(DEFAULT_MAX_DATAGRAM_BYTES, DEFAULT_RECEIVE_BUFFER_BYTES, DEFAULT_SEND_BUFFER_BYTES,
                DEFAULT_PEER_TIMEOUT, DEFAULT_KEEP_ALIVE_INTERVAL);
    }

    public ArqConfig withMaxDatagramBytes(int value) {
        return new ArqConfig(value, receiveBufferBytes, sendBufferBytes, peerTimeout, keepAliveInterval);
    }

    public ArqConfig withReceiveBufferBytes(int value) {
        return new ArqConfig(maxDatagramBytes, value, sendBufferBytes, peerTimeout, keepAliveInterval);
    }

    public ArqConfig withSendBufferBytes(int value) {
        return new ArqConfig(maxDatagramBytes, receiveBufferBytes, value, peerTimeout, keepAliveInterval);
    }

    public ArqConfig withPeerTimeout(Duration value) {
        return new ArqConfig(maxDatagramBytes, receiveBufferBytes, sendBufferBytes, value, keepAliveInterval);
    }

    public ArqConfig withKeepAliveInterval(Duration value) {
        return new ArqConfig(maxDatagramBytes, receiveBufferBytes, sendBufferBytes, peerTimeout, value);
    }

    /** Payload bytes of one data segment. */
    int segmentBytes() {
        return maxDatagramBytes - Packet.HEADER_BYTES;
    }
}
