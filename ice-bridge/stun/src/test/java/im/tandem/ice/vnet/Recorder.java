package im.tandem.ice.vnet;

import im.tandem.ice.net.DatagramHandler;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A handler that remembers where each datagram came from. */
final class Recorder implements DatagramHandler {
    private final List<InetSocketAddress> sources = new ArrayList<>();

    @Override
    public void received(byte[] data, int length, InetSocketAddress source) {
        sources.add(source);
    }

    List<InetSocketAddress> sources() {
        return sources;
    }
}
