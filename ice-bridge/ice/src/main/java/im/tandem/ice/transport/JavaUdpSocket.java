package im.tandem.ice.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Java's own UDP socket: one system call per datagram, on every platform. */
final class JavaUdpSocket implements UdpSocket {

    private final DatagramSocket socket;
    private final DatagramPacket received = new DatagramPacket(new byte[0], 0);

    private JavaUdpSocket(DatagramSocket socket) {
        this.socket = socket;
    }

    static JavaUdpSocket bind(InetSocketAddress local, int bufferBytes) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReceiveBufferSize(bufferBytes);
            socket.setSendBufferSize(bufferBytes);
            socket.bind(local);
            return new JavaUdpSocket(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void connect(InetSocketAddress peer) throws IOException {
        socket.connect(peer);
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public int batchLimit(int datagramBytes) {
        return 1;
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        socket.send(packetOf(datagram));
    }

    @Override
    public void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException {
        OneByOne.send(datagrams, datagramBytes, this::send);
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
    public int receive(byte[] buffer, int[] datagramBytes) throws IOException {
        received.setData(buffer);
        try {
            socket.receive(received);
        } catch (IOException e) {
            // Closing the socket ends receive() with an exception: that is the normal way out.
            if (socket.isClosed()) {
                return -1;
            }
            throw e;
        }
        datagramBytes[0] = received.getLength();
        return received.getLength();
    }

    @Override
    public void close() {
        socket.close();
    }
}
