package im.tandem.ice.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link DatagramTransport} over a UDP socket bound locally and connected to one peer, so the kernel itself drops
 * datagrams from anyone else. On 64-bit Linux the socket uses the kernel's segmentation offloads (see
 * {@link UdpOffload}), elsewhere Java's own.
 */
public final class UdpTransport implements DatagramTransport {

    /** Large enough for any UDP datagram, or a read of coalesced ones, so nothing is truncated. */
    private static final int READ_BYTES = 65_536;
    /**
     * Socket buffers sized for a few milliseconds of a fast transfer: the kernel default (~200 KiB) overflows on
     * loopback bursts and turns into avoidable retransmissions.
     */
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final UdpSocket socket;
    private volatile boolean closed;

    private UdpTransport(UdpSocket socket) {
        this.socket = socket;
    }

    /** Binds {@code local} (port 0 for any) without a peer yet; call {@link #connect} once the peer is known. */
    public static UdpTransport bind(InetSocketAddress local) throws IOException {
        return new UdpTransport(UdpOffload.enabled()
                ? UdpOffload.bindOrFallBack(local, SOCKET_BUFFER_BYTES)
                : JavaUdpSocket.bind(local, SOCKET_BUFFER_BYTES));
    }

    /** The address the socket is bound to, to tell the peer. */
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    /** Restricts the socket to one peer: datagrams from any other address are discarded by the kernel. */
    public UdpTransport connect(InetSocketAddress peer) throws IOException {
        socket.connect(Objects.requireNonNull(peer, "peer"));
        return this;
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        socket.send(datagram);
    }

    @Override
    public int batchLimit(int datagramBytes) {
        return socket.batchLimit(datagramBytes);
    }

    @Override
    public void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException {
        socket.sendBatch(datagrams, datagramBytes);
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
        byte[] buffer = new byte[READ_BYTES];
        int[] datagramBytes = new int[1];
        while (!closed) {
            int length;
            try {
                length = socket.receive(buffer, datagramBytes);
            } catch (IOException e) {
                // A socket error that is not the close (e.g. ICMP port unreachable on a connected socket) is
                // transient for UDP.
                continue;
            }
            if (length < 0) {
                return;
            }
            int step = datagramBytes[0];
            for (int start = 0; start < length; start += step) {
                int end = Math.min(length, start + step);
                receiver.onDatagram(ByteBuffer.wrap(buffer, start, end - start), end == length);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
