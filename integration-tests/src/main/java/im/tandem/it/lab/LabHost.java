package im.tandem.it.lab;

import java.net.InetAddress;
import java.util.List;

/**
 * A machine on the lab's internet, with public addresses and no NAT.
 *
 * @param name      the name given to the builder ("stun" and "turn" for the lab's servers)
 * @param namespace its network namespace
 * @param addresses its addresses, all on one interface
 */
public record LabHost(String name, String namespace, List<InetAddress> addresses) {

    public LabHost {
        addresses = List.copyOf(addresses);
    }

    /** The host's first address. */
    public InetAddress address() {
        return addresses.get(0);
    }
}
