package im.tandem.ice.nat;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Everything discovery saw, as input to {@link NatClassifier}. Two local sockets are used: socket A for the
 * mapping tests and socket B for the filtering tests, so that A's packets to the alternate address cannot open
 * a filter that B's tests are probing; this is what lets all tests run at the same time.
 *
 * @param local              socket A's local address
 * @param first              A to the server's primary address
 * @param otherAddress       the server's alternate address (OTHER-ADDRESS / CHANGED-ADDRESS), if usable
 * @param mappingAlternateIp A to the alternate IP on the primary port (RFC 5780 mapping test II)
 * @param mappingOther       A to the alternate IP and port (RFC 5780 mapping test III, RFC 3489 test I to CHANGED-ADDRESS)
 * @param filterPrimer       B to the primary address, which opens B's mapping towards the server
 * @param filterChangeBoth   B asking for an answer from the other IP and port (RFC 3489 test II)
 * @param filterChangePort   B asking for an answer from the other port (RFC 3489 test III)
 */
public record Observations(InetSocketAddress local, ProbeResult first, Optional<InetSocketAddress> otherAddress,
                           ProbeResult mappingAlternateIp, ProbeResult mappingOther, ProbeResult filterPrimer,
                           ProbeResult filterChangeBoth, ProbeResult filterChangePort) {
}
