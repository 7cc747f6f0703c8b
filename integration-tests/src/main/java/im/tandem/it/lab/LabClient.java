package im.tandem.it.lab;

import java.net.InetAddress;

/**
 * A client machine of the lab, alone on the LAN of its own NAT router.
 *
 * @param name            the name given to the builder
 * @param kind            how its router translates and filters
 * @param namespace       the client's network namespace
 * @param routerNamespace its router's network namespace
 * @param address         the client's own address (private unless the kind is {@link NatKind#NONE})
 * @param publicAddress   the address the internet sees: the router's WAN address, or the client's own for NONE
 */
public record LabClient(String name, NatKind kind, String namespace, String routerNamespace, InetAddress address,
                        InetAddress publicAddress) {
}
