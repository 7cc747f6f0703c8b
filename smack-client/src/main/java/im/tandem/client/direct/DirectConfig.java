package im.tandem.client.direct;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.session.IceConfig;

/**
 * How a client makes direct sessions with its contacts. Off unless given to
 * {@link im.tandem.client.TandemClient#enableDirect}: ICE sends packets from the machine's own network interfaces,
 * so which interfaces is the user's choice ({@link #onInterfaces}). Every value is checked when set, and the error
 * names the setting.
 *
 * @param ice          ICE settings: interfaces, timeouts, and the STUN/TURN servers used when the server offers
 *                     none through XEP-0215
 * @param channel      settings of the encrypted channel over the ICE path
 * @param ackTimeout   how long a message sent directly may go unacknowledged before the conversation falls back to
 *                     the server, re-sending what is unacknowledged there
 * @param retryDelay   how long after a failed or lost direct session the next one may be tried; doubles with each
 *                     further failure, up to {@link #MAX_RETRY_DELAY}
 * @param receiptWait  how long a switch to the direct path waits for receipts of messages still on their way
 *                     through the server, so that a direct message cannot overtake them
 * @param setupTimeout how long one attempt may take from its start to an open channel before it is abandoned
 * @param maxStanzaBytes the largest stanza a contact may send on a direct stream; a larger one ends the stream with
 *                     the stream error policy-violation (RFC 6120 4.9.3.14)
 */
public record DirectConfig(IceConfig ice, ChannelConfig channel, Duration ackTimeout, Duration retryDelay,
                           Duration receiptWait, Duration setupTimeout, int maxStanzaBytes) {

    /**
     * Three seconds: many round trips even over a TURN relay, yet short enough that a message stuck on a dead path
     * reaches the peer through the server before the user wonders. RFC 7675 consent would take ten.
     */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(3);
    /** Fifteen seconds: a network that just failed rarely recovers sooner, and each attempt costs a TURN allocation. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(15);
    /** Five minutes: a pair of NATs that never lets ICE through is tried a dozen times an hour, not more. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
    /**
     * Five seconds: receipts through the server normally come back in milliseconds; one that is lost must not keep
     * the conversation off the direct path for long.
     */
    public static final Duration DEFAULT_RECEIPT_WAIT = Duration.ofSeconds(5);
    /**
     * Thirty seconds: ICE's own limit (ten), gathering from STUN and TURN servers (five each), the channel handshake
     * (ten) and signalling round trips fit, with room for a loaded machine.
     */
    public static final Duration DEFAULT_SETUP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * 256 KiB: a chat message that long is already a document (files go as files), and it bounds what one contact
     * can make the stream's reader hold at once.
     */
    public static final int DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
    /** RFC 6120 13.12: no XMPP entity may refuse a stanza of 10,000 bytes or less for its size. */
    public static final int MIN_STANZA_BYTES = 10_000;

    public DirectConfig {
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(channel, "channel");
        requirePositive(ackTimeout, "ackTimeout");
        requirePositive(retryDelay, "retryDelay");
        if (retryDelay.compareTo(MAX_RETRY_DELAY) > 0) {
            throw new IllegalArgumentException("retryDelay must be at most " + MAX_RETRY_DELAY + ", was " + retryDelay);
        }
        requirePositive(receiptWait, "receiptWait");
        requirePositive(setupTimeout, "setupTimeout");
        if (setupTimeout.compareTo(ice.connectTimeout()) <= 0) {
            throw new IllegalArgumentException("setupTimeout (" + setupTimeout + ") must be longer than ICE's "
                    + "connectTimeout (" + ice.connectTimeout() + "), which it includes");
        }
        if (maxStanzaBytes < MIN_STANZA_BYTES) {
            throw new IllegalArgumentException("maxStanzaBytes must be at least " + MIN_STANZA_BYTES
                    + " (RFC 6120 13.12), was " + maxStanzaBytes);
        }
    }

    /**
     * Direct sessions gathering host candidates on these network interfaces only (loopback is never used), with the
     * default timeouts and no static STUN or TURN server.
     *
     * @param interfaces interface names such as {@code eth0}; empty means every interface but loopback
     */
    public static DirectConfig onInterfaces(List<String> interfaces) {
        return new DirectConfig(IceConfig.defaults().withAllowedInterfaces(interfaces), ChannelConfig.defaults(),
                DEFAULT_ACK_TIMEOUT, DEFAULT_RETRY_DELAY, DEFAULT_RECEIPT_WAIT, DEFAULT_SETUP_TIMEOUT,
                DEFAULT_MAX_STANZA_BYTES);
    }

    public DirectConfig withIce(IceConfig value) {
        return new DirectConfig(value, channel, ackTimeout, retryDelay, receiptWait, setupTimeout, maxStanzaBytes);
    }

    public DirectConfig withChannel(ChannelConfig value) {
        return new DirectConfig(ice, value, ackTimeout, retryDelay, receiptWait, setupTimeout, maxStanzaBytes);
    }

    public DirectConfig withAckTimeout(Duration value) {
        return new DirectConfig(ice, channel, value, retryDelay, receiptWait, setupTimeout, maxStanzaBytes);
    }

    public DirectConfig withRetryDelay(Duration value) {
        return new DirectConfig(ice, channel, ackTimeout, value, receiptWait, setupTimeout, maxStanzaBytes);
    }

    public DirectConfig withReceiptWait(Duration value) {
        return new DirectConfig(ice, channel, ackTimeout, retryDelay, value, setupTimeout, maxStanzaBytes);
    }

    public DirectConfig withSetupTimeout(Duration value) {
        return new DirectConfig(ice, channel, ackTimeout, retryDelay, receiptWait, value, maxStanzaBytes);
    }

    public DirectConfig withMaxStanzaBytes(int value) {
        return new DirectConfig(ice, channel, ackTimeout, retryDelay, receiptWait, setupTimeout, value);
    }

    /** The wait before attempt number {@code failures + 1}: the retry delay doubled per failure, capped. */
    Duration retryDelayAfter(int failures) {
        Duration delay = retryDelay;
        for (int i = 1; i < failures && delay.compareTo(MAX_RETRY_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private static void requirePositive(Duration value, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }
}
