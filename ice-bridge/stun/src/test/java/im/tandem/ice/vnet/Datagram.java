package im.tandem.ice.vnet;

import java.net.InetSocketAddress;

/** One UDP datagram in flight, as the IP layer sees it. The payload is copied in and never changed. */
record Datagram(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
    Datagram {
        payload = payload.clone();
    }

    /** The same payload with new addresses, as a NAT rewrites it. */
    Datagram readdressed(InetSocketAddress newSource, InetSocketAddress newDestination) {
        return new Datagram(newSource, newDestination, payload);
    }
}
