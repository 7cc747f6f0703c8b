package im.tandem.ice.session;

import im.tandem.ice.transport.DatagramTransport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import org.ice4j.ice.Component;

/**
 * Datagrams over ICE's selected pair: sends through the component (which picks the pair), receives from the
 * component's merged socket, where ice4j has already taken out its own STUN traffic.
 */
final class IceDatagramTransport implements DatagramTransport {

    /** Large enough for any UDP datagram. */
    private static final int MAX_DATAGRAM = 65_535;

    private final Component component;
    private volatile boolean closed;

    IceDatagramTransport(Component component) {
        this.component = component;
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        if (closed) {
            throw new IOException("ICE transport closed");
        }
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        component.send(bytes, 0, bytes.length);
    }

    @Override
    public void start(Receiver receiver) {
        DatagramSocket socket = component.getSocket();
        Thread reader = new Thread(() -> readLoop(socket, receiver), "ice-transport");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(DatagramSocket socket, Receiver receiver) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                if (!closed) {
                    receiver.onDatagram(ByteBuffer.wrap(buffer, 0, packet.getLength()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return; // the session was closed
                }
            }
        }
    }

    /** Stops delivering; the socket belongs to the ICE session and closes with it. */
    @Override
    public void close() {
        closed = true;
    }
}
