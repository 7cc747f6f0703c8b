package im.tandem.ice.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link DatagramTransport} over a plain UDP socket bound locally and connected to one peer, so the kernel itself
 * drops datagrams from anyone else.
 */
public final class UdpTransport implements DatagramTransport {

    /** Large enough for any UDP datagram, so nothing a peer sends is truncated into something misleading. */
    private static final int MAX_DATAGRAM = 65_535;
    /**
     * Socket buffers sized for a few milliseconds of a fast transfer: the kernel default (~200 KiB) overflows on
     * loopback bursts and turns into avoidable retransmissions.
     */
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramSocket socket;
    private volatile boolean closed;

    private UdpTransport(DatagramSocket socket) {
        this.socket = socket;
    }

    /** Binds {@code local} (port 0 for any) without a peer yet; call {@link #connect} once the peer is known. */
    public static UdpTransport bind(InetSocketAddress local) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
            socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
            socket.bind(local);
            return new UdpTransport(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The address the socket is bound to, to tell the peer. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Restricts the socket to one peer: datagrams from any other address are discarded by the kernel. */
    public UdpTransport connect(InetSocketAddress peer) throws SocketException {
        socket.connect(Objects.requireNonNull(peer, "peer"));
        return this;
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        socket.send(packetOf(datagram));
    }

    /**
     * A packet of the buffer's remaining bytes, for a connected socket: the buffer's own array where it has one (no
     * copy on the hot path), a copy otherwise. The buffer's position is left as it was.
     */
    private static DatagramPacket packetOf(ByteBuffer datagram) {
        if (datagram.hasArray()) {
            return new DatagramPacket(datagram.array(), datagram.arrayOffset() + datagram.position(),
                    datagram.remaining());
        }
        byte[] copy = new byte[datagram.remaining()];
        datagram.duplicate().get(copy);
        return new DatagramPacket(copy, copy.length);
    }

    @Override
    public void start(Receiver receiver) {
        if (!socket.isConnected()) {
            throw new IllegalStateException("connect(peer) must be called before start");
        }
        Thread reader = new Thread(() -> readLoop(receiver), "udp-transport-" + localAddress().getPort());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(Receiver receiver) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                receiver.onDatagram(ByteBuffer.wrap(buffer, 0, packet.getLength()));
            } catch (IOException e) {
                // Closing the socket ends receive() with an exception: that is the normal way out. Any other
                // socket error (e.g. ICMP port unreachable on a connected socket) is transient for UDP.
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
