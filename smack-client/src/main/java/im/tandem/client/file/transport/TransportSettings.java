package im.tandem.client.file.transport;

import java.time.Duration;

import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.session.IceConfig;

/**
 * The part of the file-transfer settings that the transports use. A negotiation gets only these, not the whole
 * {@code FileTransferConfig}, so that the transports do not depend on the file-transfer package that uses them.
 * The values come checked from the {@code FileTransferConfig} they are taken from.
 *
 * @param ibbBlockSize      bytes per in-band packet before base64
 * @param s5bConnectTimeout how long one SOCKS5 candidate may take to connect and answer
 * @param directS5bCandidates whether a contact's own SOCKS5 hosts (its direct candidates) may be connected to
 * @param maxS5bCandidates  how many of a contact's SOCKS5 candidates are tried at most
 * @param idleTimeout       how long a pipe may go without a single byte before a read gives up
 * @param ice               the ICE settings of the direct channel
 * @param channel           the settings of the encrypted channel over ICE
 */
public record TransportSettings(int ibbBlockSize, Duration s5bConnectTimeout, boolean directS5bCandidates,
                                int maxS5bCandidates, Duration idleTimeout, IceConfig ice, ChannelConfig channel) {
    /** {@link #idleTimeout()} as socket and stream read timeouts take it, in whole milliseconds. */
    public int idleTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
    }

    /** {@link #s5bConnectTimeout()} in whole milliseconds, as Smack's SOCKS5 client takes it. */
    public int s5bConnectTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, s5bConnectTimeout.toMillis());
    }
}
