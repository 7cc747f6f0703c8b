package im.tandem.it.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where every lab address comes from. Public addresses are in 198.18.0.0/15, which RFC 2544 reserves for
 * benchmarking and no real network uses; private LANs use 192.168.0.0/16. Neither exists outside the lab's own
 * namespaces: nothing in the root namespace gets a lab address or route.
 *
 * <pre>
 * 198.18.H.0/24    link from the core to public host H    core .1, host .2 (and .3 for a second address)
 * 198.18.128+R.0/24  link from the core to NAT router R   core .1, router WAN .2
 * 198.19.R.0/24    LAN of router R when it does not NAT   router .1, client .2 (a public address)
 * 192.168.1+R.0/24 LAN of router R when it NATs           router .1, client .2
 * </pre>
 */
final class AddressPlan {

    /** Public hosts take 198.18.0-127.x, NAT routers 198.18.128-255.x. */
    static final int MAX_HOSTS = 128;
    static final int MAX_ROUTERS = 128;
    /** Every lab link is a /24; one address per side is all it needs, the width only keeps the plan readable. */
    static final int PREFIX_LENGTH = 24;

    private static final int ROUTER_LINKS_START = 128;

    private AddressPlan() {
    }

    static InetAddress coreSideOfHostLink(int host) {
        return address(198, 18, checkHost(host), 1);
    }

    /** Address {@code index} (0 or 1) of public host {@code host}. */
    static InetAddress hostAddress(int host, int index) {
        if (index < 0 || index > 1) {
            throw new IllegalArgumentException("A lab host has at most two addresses, not index " + index);
        }
        return address(198, 18, checkHost(host), 2 + index);
    }

    static InetAddress coreSideOfRouterLink(int router) {
        return address(198, 18, ROUTER_LINKS_START + checkRouter(router), 1);
    }

    static InetAddress routerWan(int router) {
        return address(198, 18, ROUTER_LINKS_START + checkRouter(router), 2);
    }

    static InetAddress routerLan(int router, boolean translates) {
        return lanAddress(router, translates, 1);
    }

    static InetAddress client(int router, boolean translates) {
        return lanAddress(router, translates, 2);
    }

    /** The network address of a router's LAN, for the core's route to a LAN that is not translated. */
    static InetAddress lanNetwork(int router, boolean translates) {
        return lanAddress(router, translates, 0);
    }

    private static InetAddress lanAddress(int router, boolean translates, int last) {
        checkRouter(router);
        return translates ? address(192, 168, 1 + router, last) : address(198, 19, router, last);
    }

    private static int checkHost(int host) {
        if (host < 0 || host >= MAX_HOSTS) {
            throw new IllegalArgumentException("A NAT lab holds at most " + MAX_HOSTS + " public hosts");
        }
        return host;
    }

    private static int checkRouter(int router) {
        if (router < 0 || router >= MAX_ROUTERS) {
            throw new IllegalArgumentException("A NAT lab holds at most " + MAX_ROUTERS + " clients");
        }
        return router;
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes always make an IPv4 address", e);
        }
    }
}
