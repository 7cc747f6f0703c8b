package im.tandem.it.lab;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a lab's namespaces and links. The core namespace is the internet: every public host and every NAT router
 * hangs off it on a veth link of its own, and it routes between them. It has no default route, so an address
 * outside the lab is unreachable from every lab namespace, and no lab link touches the root namespace: each veth
 * pair is created directly with its ends inside two lab namespaces.
 */
final class LabTopology {

    /** Interface of a host or client towards its gateway. */
    static final String UPLINK = "eth0";
    /** A router's interface towards the core. */
    static final String WAN = "wan";
    /** A router's interface towards its client. */
    static final String LAN = "lan";
    /**
     * The kernel's default for how many wire-sized segments one large packet of TCP's or UDP's segmentation offloads
     * may carry through an interface (GSO_MAX_SEGS); 1 makes the interface cut every such packet up before it sends.
     */
    static final int DEFAULT_GSO_MAX_SEGS = 65_535;

    private final LabNames names;
    private final LabOwner owner;
    private final Path workDirectory;
    private final List<String> created;

    /**
     * @param created receives each namespace as soon as it exists, so that a failure half-way still cleans up
     */
    LabTopology(LabNames names, LabOwner owner, Path workDirectory, List<String> created) {
        this.names = names;
        this.owner = owner;
        this.workDirectory = workDirectory;
        this.created = created;
    }

    void addCore() {
        String core = createNamespace(names.core());
        enableForwarding(core);
    }

    LabHost addHost(String name, int index, int addressCount) {
        String namespace = createNamespace(names.host(name));
        InetAddress gateway = AddressPlan.coreSideOfHostLink(index);
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < addressCount; i++) {
            addresses.add(AddressPlan.hostAddress(index, i));
        }
        link(names.core(), "h-" + name, gateway, namespace, UPLINK, addresses);
        defaultRoute(namespace, gateway);
        return new LabHost(name, namespace, addresses);
    }

    LabClient addClient(String name, int index, NatKind kind) {
        String router = createNamespace(names.router(name));
        String client = createNamespace(names.client(name));
        enableForwarding(router);

        InetAddress coreSide = AddressPlan.coreSideOfRouterLink(index);
        InetAddress wan = AddressPlan.routerWan(index);
        link(names.core(), coreSideOfRouterLink(name), coreSide, router, WAN, List.of(wan));
        defaultRoute(router, coreSide);

        InetAddress lan = AddressPlan.routerLan(index, kind.translates());
        InetAddress clientAddress = AddressPlan.client(index, kind.translates());
        link(router, LAN, lan, client, UPLINK, List.of(clientAddress));
        defaultRoute(client, lan);
        if (!kind.translates()) {
            Namespaces.ip("-n", names.core(), "route", "add",
                    cidr(AddressPlan.lanNetwork(index, false)), "via", wan.getHostAddress());
        }

        Nftables.apply(router, kind.ruleset(new RouterPorts(WAN, wan, clientAddress)),
                workDirectory.resolve("router-" + name + ".nft"));
        return new LabClient(name, kind, client, router, clientAddress, kind.translates() ? wan : clientAddress);
    }

    /** The core's interface towards a client's router. */
    static String coreSideOfRouterLink(String client) {
        return "r-" + client;
    }

    private String createNamespace(String namespace) {
        Namespaces.create(namespace, owner);
        created.add(namespace);
        return namespace;
    }

    /** A veth pair whose ends are made directly inside the two namespaces, addressed and up. */
    private static void link(String namespaceA, String interfaceA, InetAddress addressA,
                             String namespaceB, String interfaceB, List<InetAddress> addressesB) {
        Namespaces.ip("-n", namespaceA, "link", "add", interfaceA, "type", "veth",
                "peer", "name", interfaceB, "netns", namespaceB);
        Namespaces.ip("-n", namespaceA, "address", "add", cidr(addressA), "dev", interfaceA);
        for (InetAddress address : addressesB) {
            Namespaces.ip("-n", namespaceB, "address", "add", cidr(address), "dev", interfaceB);
        }
        Namespaces.ip("-n", namespaceA, "link", "set", "dev", interfaceA, "up");
        Namespaces.ip("-n", namespaceB, "link", "set", "dev", interfaceB, "up");
    }

    private static void defaultRoute(String namespace, InetAddress gateway) {
        Namespaces.ip("-n", namespace, "route", "add", "default", "via", gateway.getHostAddress());
    }

    private static void enableForwarding(String namespace) {
        Namespaces.sysctl(namespace, "net.ipv4.ip_forward=1");
    }

    private static String cidr(InetAddress address) {
        return address.getHostAddress() + "/" + AddressPlan.PREFIX_LENGTH;
    }
}
