package im.tandem.ice.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two transports on loopback. On this project's build machines (64-bit Linux 5.0 or later) the sockets use the
 * kernel's segmentation offloads, and the tests say so rather than pass on Java's sockets unnoticed.
 */
@Timeout(30)
class UdpTransportTest {

    private static final int DATAGRAM = 1200;
    private static final long WAIT_SECONDS = 5;

    private record Arrival(byte[] bytes, boolean endOfRead) {
    }

    private final List<UdpTransport> opened = new ArrayList<>();
    private final BlockingQueue<Arrival> atB = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() {
        opened.forEach(UdpTransport::close);
        System.clearProperty(UdpOffload.PROPERTY);
    }

    @Test
    void theOffloadsAreOnWhereThePlatformHasThem() {
        assertThat(UdpOffload.enabled()).as("64-bit Linux: the build machines have the offloads").isTrue();
    }

    @Test
    void aBatchArrivesAsItsDatagramsInOrderInFewerReadsThanDatagrams() throws Exception {
        UdpTransport a = pair(InetAddress.getLoopbackAddress());
        assertThat(a.batchLimit(DATAGRAM)).isEqualTo(54); // 65,507 / 1,200

        a.sendBatch(numbered(40, DATAGRAM, 500), DATAGRAM);

        List<Arrival> arrivals = take(40);
        for (int i = 0; i < 40; i++) {
            assertThat(arrivals.get(i).bytes()).as("datagram %d", i).hasSize(i < 39 ? DATAGRAM : 500)
                    .startsWith((byte) i);
        }
        assertThat(arrivals.get(39).endOfRead()).as("the last ends its read").isTrue();
        assertThat(arrivals.stream().filter(Arrival::endOfRead).count()).as("reads").isLessThan(40);
    }

    @Test
    void batchesWorkOnIpv6Too() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        assertThat(NetworkInterface.getByInetAddress(loopback6)).as("::1 on this machine").isNotNull();
        UdpTransport a = pair(loopback6);
        assertThat(a.localAddress().getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(a.batchLimit(DATAGRAM)).isEqualTo(54);

        a.sendBatch(numbered(20, DATAGRAM, DATAGRAM), DATAGRAM);

        List<Arrival> arrivals = take(20);
        for (int i = 0; i < 20; i++) {
            assertThat(arrivals.get(i).bytes()[0]).as("datagram %d", i).isEqualTo((byte) i);
        }
        assertThat(arrivals.stream().filter(Arrival::endOfRead).count()).as("reads").isLessThan(20);
    }

    @Test
    void singleDatagramsEachEndTheirRead() throws Exception {
        UdpTransport a = pair(InetAddress.getLoopbackAddress());
        a.send(ByteBuffer.wrap(new byte[] {7, 7, 7}));
        Arrival arrival = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(arrival).isNotNull();
        assertThat(arrival.bytes()).containsExactly(7, 7, 7);
        assertThat(arrival.endOfRead()).isTrue();
    }

    @Test
    void closingWakesTheBlockedReaderAndFreesThePort() throws Exception {
        UdpTransport a = pair(InetAddress.getLoopbackAddress());
        UdpTransport b = opened.get(1);
        InetSocketAddress address = b.localAddress();
        String reader = "udp-transport-" + address.getPort();
        assertThat(readerAlive(reader)).as("b's reader, waiting for a datagram").isTrue();

        b.close();
        b.close(); // idempotent

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (readerAlive(reader) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(readerAlive(reader)).as("the reader ended").isFalse();
        assertThatThrownBy(() -> b.send(ByteBuffer.wrap(new byte[1]))).isInstanceOf(IOException.class);
        UdpTransport again = UdpTransport.bind(address);
        opened.add(again);
        assertThat(again.localAddress()).isEqualTo(address);
        a.send(ByteBuffer.wrap(new byte[1])); // to the new socket, which nobody reads: no error
    }

    @Test
    void datagramsThatArrivedBeforeConnectingAreNotRead() throws Exception {
        UdpTransport b = UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        opened.add(b);
        try (java.net.DatagramSocket stranger = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            stranger.send(new java.net.DatagramPacket(new byte[] {9}, 1, b.localAddress()));
            UdpTransport a = UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            opened.add(a);
            Thread.sleep(50); // the stranger's datagram is queued at b
            a.connect(b.localAddress());
            b.connect(a.localAddress());
            b.start((datagram, endOfRead) -> atB.add(new Arrival(new byte[] {datagram.get(datagram.position())},
                    endOfRead)));
            a.send(ByteBuffer.wrap(new byte[] {1}));
            Arrival first = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.bytes()).as("the peer's, not the stranger's").containsExactly(1);
        }
    }

    private static boolean readerAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void withTheOffloadsSwitchedOffABatchGoesAsSingleDatagrams() throws Exception {
        System.setProperty(UdpOffload.PROPERTY, "false");
        UdpTransport a = pair(InetAddress.getLoopbackAddress());
        assertThat(a.batchLimit(DATAGRAM)).isEqualTo(1);

        a.sendBatch(numbered(5, DATAGRAM, 10), DATAGRAM);

        List<Arrival> arrivals = take(5);
        assertThat(arrivals).allMatch(Arrival::endOfRead);
        assertThat(arrivals.get(4).bytes()).hasSize(10);
    }

    @Test
    void anUnreadableSettingIsRefusedByName() {
        System.setProperty(UdpOffload.PROPERTY, "yes");
        assertThatThrownBy(UdpOffload::enabled).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(UdpOffload.PROPERTY).hasMessageContaining("yes");
    }

    /** Binds a and b on {@code ip}, connects them, starts b's reader into {@link #atB}; returns a. */
    private UdpTransport pair(InetAddress ip) throws IOException {
        UdpTransport a = UdpTransport.bind(new InetSocketAddress(ip, 0));
        opened.add(a);
        UdpTransport b = UdpTransport.bind(new InetSocketAddress(ip, 0));
        opened.add(b);
        a.connect(b.localAddress());
        b.connect(a.localAddress());
        b.start((datagram, endOfRead) -> {
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            atB.add(new Arrival(bytes, endOfRead));
        });
        return a;
    }

    /** {@code count} datagrams end to end, each starting with its number, all {@code size} but the last. */
    private static ByteBuffer numbered(int count, int size, int lastSize) {
        ByteBuffer batch = ByteBuffer.allocate((count - 1) * size + lastSize);
        for (int i = 0; i < count; i++) {
            byte[] datagram = new byte[i < count - 1 ? size : lastSize];
            datagram[0] = (byte) i;
            batch.put(datagram);
        }
        return batch.flip();
    }

    private List<Arrival> take(int count) throws InterruptedException {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Arrival next = atB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("datagram %d of %d", i, count).isNotNull();
            arrivals.add(next);
        }
        return arrivals;
    }
}
