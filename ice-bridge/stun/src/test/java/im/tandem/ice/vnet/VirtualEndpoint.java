package im.tandem.ice.vnet;

import im.tandem.ice.net.DatagramEndpoint;
import im.tandem.ice.net.DatagramHandler;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A bound port on a {@link VirtualHost}. */
final class VirtualEndpoint implements DatagramEndpoint {
    private final InetSocketAddress localAddress;
    private final DatagramHandler handler;
    private final VirtualHost host;
    private boolean closed;

    VirtualEndpoint(InetSocketAddress localAddress, DatagramHandler handler, VirtualHost host) {
        this.localAddress = localAddress;
        this.handler = handler;
        this.host = host;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void send(byte[] datagram, InetSocketAddress destination) throws IOException {
        if (closed) {
            throw new IOException("socket closed");
        }
        host.send(new Datagram(localAddress, destination, datagram));
    }

    @Override
    public void close() {
        closed = true;
        host.unbind(this);
    }

    /** Hands the handler its own copy, as a real socket's buffer would be its own. */
    void receive(Datagram datagram) {
        byte[] payload = datagram.payload();
        handler.received(payload.clone(), payload.length, datagram.source());
    }
}
