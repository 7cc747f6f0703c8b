package im.tandem.ice.session;

import im.tandem.ice.transport.DatagramTransport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.ice4j.ice.Component;

/**
 * Datagrams over ICE's selected pair: at first through the component (which picks the pair) and its merged socket,
 * where ice4j has already taken out its own STUN traffic. Once the channel above is open, a pair whose local end is
 * plain UDP moves to a {@link SelectedUdpPath} of our own (see {@link #channelOpened()}); one whose local end is our
 * TURN allocation stays with ice4j, which speaks TURN.
 */
final class IceDatagramTransport implements DatagramTransport {

    /** Hands the selected pair's socket over from ice4j to us, unless our end of it is a TURN allocation. */
    @FunctionalInterface
    interface Takeover {
        Optional<SelectedUdpPath> takeOver();
    }

    /** Large enough for any UDP datagram. */
    private static final int MAX_DATAGRAM = 65_535;

    private final Component component;
    private final Takeover takeover;
    private final Executor background;
    private volatile Receiver receiver;
    /** Set once the pair moved to our own socket; from then on every datagram goes through it. */
    private volatile SelectedUdpPath own;
    private volatile boolean closed;

    /** @param background where the takeover runs: it frees ice4j's agent, which takes a while */
    IceDatagramTransport(Component component, Takeover takeover, Executor background) {
        this.component = component;
        this.takeover = takeover;
        this.background = background;
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        if (closed) {
            throw new IOException("ICE transport closed");
        }
        SelectedUdpPath path = own;
        if (path != null) {
            path.send(datagram);
            return;
        }
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        component.send(bytes, 0, bytes.length);
    }

    /** Batches once the pair is our own socket; ice4j's takes one datagram at a time. */
    @Override
    public int batchLimit(int datagramBytes) {
        SelectedUdpPath path = own;
        return path != null && !closed ? path.batchLimit(datagramBytes) : 1;
    }

    @Override
    public void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException {
        SelectedUdpPath path = own;
        if (path != null && !closed) {
            path.sendBatch(datagrams, datagramBytes);
        } else {
            DatagramTransport.super.sendBatch(datagrams, datagramBytes);
        }
    }

    @Override
    public void start(Receiver receiver) {
        this.receiver = (datagram, endOfRead) -> {
            if (!closed) {
                receiver.onDatagram(datagram, endOfRead);
            }
        };
        DatagramSocket socket = component.getSocket();
        Thread reader = new Thread(() -> readLoop(socket), "ice-transport");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Takes the pair over from ice4j, off the caller's thread. Datagrams that arrive while the socket changes hands
     * are lost; the channel's retransmissions repair that within a few round trips.
     */
    @Override
    public void channelOpened() {
        background.execute(() -> {
            if (closed) {
                return;
            }
            takeover.takeOver().ifPresent(path -> {
                path.start(receiver);
                own = path;
            });
        });
    }

    private void readLoop(DatagramSocket socket) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed && own == null) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                receiver.onDatagram(ByteBuffer.wrap(buffer, 0, packet.getLength()), true);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return; // the session was closed, or ice4j's socket was handed over
                }
            }
        }
    }

    /** Stops delivering; the sockets belong to the ICE session and close with it. */
    @Override
    public void close() {
        closed = true;
    }
}
