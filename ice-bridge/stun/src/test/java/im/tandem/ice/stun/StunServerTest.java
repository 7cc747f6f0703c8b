package im.tandem.ice.stun;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StunServerTest {
    /** Generous: only hit when the server fails to answer at all. */
    private static final int RECEIVE_TIMEOUT_MILLIS = 5000;

    private StunServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersChangeRequestFromTheOtherAddressAndPortOverRealSockets() throws Exception {
        int port = LoopbackPorts.freePortPair();
        server = start(port);
        InetSocketAddress primary = new InetSocketAddress(LoopbackPorts.PRIMARY, port);
        InetSocketAddress expectedOrigin = new InetSocketAddress(LoopbackPorts.ALTERNATE, port + 1);

        try (DatagramSocket client = client()) {
            client.send(datagram(new byte[] {0, 1, 2}, primary));
            StunMessage request = new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(),
                    List.of(new ChangeRequest(true, true)));
            client.send(datagram(StunCodec.encode(request), primary));

            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            client.receive(answer);
            StunMessage response = StunCodec.decode(answer.getData(), 0, answer.getLength());

            assertThat(answer.getSocketAddress()).isEqualTo(expectedOrigin);
            assertThat(response.transactionId()).isEqualTo(request.transactionId());
            assertThat(response.address(AttributeType.RESPONSE_ORIGIN)).contains(expectedOrigin);
            assertThat(response.mappedAddress()).contains((InetSocketAddress) client.getLocalSocketAddress());
        }
        // Each socket thread handles its datagrams in order, so the garbage was counted before the answer left.
        assertThat(server.statistics()).isEqualTo(new StunServerStatistics(2, 1, 1, 0));
    }

    @Test
    void namesItsThreadsAndStopsThemOnClose() throws Exception {
        int port = LoopbackPorts.freePortPair();
        server = start(port);

        assertThat(stunThreads()).hasSize(4).anyMatch(name -> name.equals("stun-server-127.0.0.2:" + (port + 1)));

        server.close();
        server.close();
        assertThat(stunThreads()).noneMatch(name -> name.endsWith(":" + port) || name.endsWith(":" + (port + 1)));
    }

    @Test
    void failedBindLeavesNothingOpenAndNamesTheAddress() throws Exception {
        int port = LoopbackPorts.freePortPair();
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LoopbackPorts.ALTERNATE, port + 1))) {
            StunServer failing = new StunServer(config(port));
            assertThatThrownBy(failing::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.2:" + (port + 1));
        }
        server = start(port);
    }

    private static StunServer start(int port) throws IOException {
        StunServer started = new StunServer(config(port));
        started.start();
        return started;
    }

    private static StunServerConfig config(int port) {
        return StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY).primaryPort(port)
                .alternateAddress(LoopbackPorts.ALTERNATE).build();
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LoopbackPorts.PRIMARY, 0));
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        return socket;
    }

    private static DatagramPacket datagram(byte[] data, InetSocketAddress to) {
        return new DatagramPacket(data, data.length, to);
    }

    private static List<String> stunThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("stun-server-")).toList();
    }
}
