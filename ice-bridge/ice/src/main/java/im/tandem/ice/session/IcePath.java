package im.tandem.ice.session;

import im.tandem.ice.transport.DatagramTransport;

/**
 * The working path ICE selected.
 *
 * @param type      host, server-reflexive or relayed
 * @param local     our candidate of the selected pair
 * @param remote    the peer's candidate of the selected pair
 * @param transport datagrams over the pair, for the channel; closing it does not end the session
 */
public record IcePath(PathType type, IceCandidate local, IceCandidate remote, DatagramTransport transport) {
}
