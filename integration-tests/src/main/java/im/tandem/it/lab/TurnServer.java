package im.tandem.it.lab;

import java.net.InetSocketAddress;

/**
 * The lab's TURN server (coturn), which accepts TURN REST API credentials (time-limited username, HMAC password)
 * made from a shared secret, as the Tandem plugin hands out.
 *
 * @param address      where it listens for UDP and TCP
 * @param sharedSecret the secret the credentials are derived from
 * @param realm        its authentication realm
 */
public record TurnServer(InetSocketAddress address, String sharedSecret, String realm) {
}
