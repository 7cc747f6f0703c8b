package im.tandem.ice.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/** One real UDP socket and the daemon thread that receives on it, named after its purpose and address. */
final class UdpEndpoint implements DatagramEndpoint {
    private static final System.Logger LOG = System.getLogger(UdpEndpoint.class.getName());
    /**
     * Receive buffer: one Ethernet MTU. The protocols here send far less; a longer datagram is truncated, its
     * length field then disagrees and it is dropped as malformed.
     */
    static final int RECEIVE_BUFFER_BYTES = 1500;
    /** How long {@link #close()} waits for the receiver thread once the socket is closed. */
    private static final long RECEIVER_JOIN_MILLIS = 2000;

    private final DatagramSocket socket;
    /** Kept, because a closed socket no longer knows its address. */
    private final InetSocketAddress localAddress;
    private final DatagramHandler handler;
    private final Thread receiver;

    UdpEndpoint(DatagramSocket socket, String purpose, DatagramHandler handler) {
        this.socket = socket;
        this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        this.handler = handler;
        this.receiver = new Thread(this::receiveLoop, purpose + "-" + SocketAddresses.format(localAddress));
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void send(byte[] datagram, InetSocketAddress destination) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, destination));
    }

    /** Closes the socket and waits for the receiver, unless the receiver itself is closing (a handler may). */
    @Override
    public void close() {
        socket.close();
        if (Thread.currentThread() == receiver) {
            return;
        }
        try {
            receiver.join(RECEIVER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[RECEIVE_BUFFER_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "receive failed on " + SocketAddresses.format(localAddress), e);
                }
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
            try {
                handler.received(buffer, packet.getLength(), source);
            } catch (RuntimeException e) {
                // A handler bug costs one datagram, not the socket.
                LOG.log(Level.ERROR, "unexpected failure handling a datagram from " + source, e);
            }
        }
    }
}
