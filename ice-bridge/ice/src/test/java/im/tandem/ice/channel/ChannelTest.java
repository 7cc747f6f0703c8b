package im.tandem.ice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.ice.channel.arq.ArqConfig;
import im.tandem.ice.transport.UdpTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTest {

    private static final ChannelConfig CONFIG = ChannelConfig.defaults();
    /** Only catches hangs; a loopback transfer of a few megabytes takes well under a second. */
    private static final long TRANSFER_LIMIT_SECONDS = 60;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10 * 1024 * 1024})
    void bytesArriveIntact(int size) throws Exception {
        try (ChannelPair pair = ChannelPair.open(CONFIG)) {
            byte[] data = randomBytes(size, 1);
            assertThat(sha256(transfer(pair, data))).isEqualTo(sha256(data));
        }
    }

    @Test
    void bothDirectionsCarryIndependentStreamsInOrder() throws Exception {
        try (ChannelPair pair = ChannelPair.open(CONFIG)) {
            CompletableFuture<byte[]> serverReads = readAllAsync(pair.server().input());
            CompletableFuture<byte[]> clientReads = readAllAsync(pair.client().input());
            ByteArrayOutputStream toServer = new ByteArrayOutputStream();
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            for (int i = 0; i < 2000; i++) {
                byte[] a = ("message " + i + " from client\n").getBytes();
                byte[] b = ("message " + i + " from server\n").getBytes();
                pair.client().output().write(a);
                pair.server().output().write(b);
                toServer.write(a);
                toClient.write(b);
            }
            pair.client().output().close();
            pair.server().output().close();
            assertThat(serverReads.get(TRANSFER_LIMIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(toServer.toByteArray());
            assertThat(clientReads.get(TRANSFER_LIMIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(toClient.toByteArray());
        }
    }

    @Test
    void aWriterCanWaitUntilThePeerHasEverythingWritten() throws Exception {
        try (ChannelPair pair = ChannelPair.open(CONFIG)) {
            CompletableFuture<byte[]> received = readAllAsync(pair.server().input());
            byte[] data = randomBytes(1024 * 1024, 5);
            pair.client().output().write(data);
            pair.client().output().close();

            assertThat(pair.client().awaitDelivered(Duration.ofSeconds(TRANSFER_LIMIT_SECONDS))).isTrue();
            assertThat(received.get(TRANSFER_LIMIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void survivesLossReorderingAndDuplication(long seed) throws Exception {
        try (ChannelPair pair = ChannelPair.Setup.of(CONFIG).paths(
                t -> new LossyTransport(t, seed, 0.05, 0.05, 0.05),
                t -> new LossyTransport(t, seed + 100, 0.05, 0.05, 0.05)).open()) {
            byte[] data = randomBytes(2 * 1024 * 1024, seed);
            assertThat(sha256(transfer(pair, data))).isEqualTo(sha256(data));
        }
    }

    @Test
    void clientLearnsAtOpenWhenTheServerRefusesItsFingerprint() {
        Fingerprint impostor = ChannelIdentity.generate().fingerprint();
        assertThatThrownBy(() -> ChannelPair.Setup.of(CONFIG).serverExpects(impostor).open())
                .isInstanceOf(ChannelHandshakeException.class)
                .hasMessageContaining("channel handshake failed");
    }

    @Test
    void serverSideReportsTheFingerprintMismatchClearly() throws Exception {
        ChannelIdentity clientId = ChannelIdentity.generate();
        ChannelIdentity serverId = ChannelIdentity.generate();
        Fingerprint impostor = ChannelIdentity.generate().fingerprint();
        UdpTransport a = ChannelPair.loopback();
        UdpTransport b = ChannelPair.loopback();
        a.connect(b.localAddress());
        b.connect(a.localAddress());
        CompletableFuture<Channel> client = TestThreads.async(
                () -> Channel.open(a, clientId, serverId.fingerprint(), Channel.Role.CLIENT, CONFIG, c -> { }));
        assertThatThrownBy(() -> Channel.open(b, serverId, impostor, Channel.Role.SERVER, CONFIG, c -> { }))
                .isInstanceOf(ChannelHandshakeException.class)
                .hasMessageContaining(clientId.fingerprint().value())
                .hasMessageContaining(impostor.value());
        // The server's alert ends the client's handshake too.
        assertThatThrownBy(() -> client.get(TRANSFER_LIMIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ChannelHandshakeException.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // only catches a stall, not slowness
    void hundredConsecutiveTransfersNeverStall() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (ChannelPair pair = ChannelPair.open(CONFIG)) {
                byte[] data = randomBytes(64 * 1024, i);
                assertThat(transfer(pair, data)).as("transfer %d", i).isEqualTo(data);
            }
        }
    }

    @Test
    void garbageDatagramsAreDroppedAndTheTransferCompletes() throws Exception {
        try (ChannelPair pair = ChannelPair.Setup.of(CONFIG)
                .paths(t -> new GarbageInjectingTransport(t, 5), t -> new GarbageInjectingTransport(t, 6))
                .open()) {
            byte[] data = randomBytes(1024 * 1024, 7);
            assertThat(sha256(transfer(pair, data))).isEqualTo(sha256(data));
            assertThat(pair.server().droppedDatagrams()).isPositive();
            assertThat(pair.client().droppedDatagrams()).isPositive();
        }
    }

    @Test
    void silentPeerFailsTheChannelAndTellsTheListener() throws Exception {
        ChannelConfig fast = CONFIG.withStream(ArqConfig.defaults()
                .withKeepAliveInterval(Duration.ofMillis(100)).withPeerTimeout(Duration.ofMillis(600)));
        CompletableFuture<IOException> failure = new CompletableFuture<>();
        try (ChannelPair pair = ChannelPair.Setup.of(fast).clientListener(failure::complete).open()) {
            pair.serverSocket().close(); // the server vanishes without a word
            IOException cause = failure.get(TRANSFER_LIMIT_SECONDS, TimeUnit.SECONDS);
            assertThat(cause).hasMessageContaining("peerTimeout");
            assertThatThrownBy(() -> pair.client().input().read()).isInstanceOf(IOException.class);
        }
    }

    private static byte[] transfer(ChannelPair pair, byte[] data) throws Exception {
        CompletableFuture<byte[]> received = readAllAsync(pair.server().input());
        writeAndClose(pair.client(), data);
        return received.get(TRANSFER_LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void writeAndClose(Channel channel, byte[] data) {
        try {
            OutputStream out = channel.output();
            for (int offset = 0; offset < data.length; offset += 16 * 1024) {
                out.write(data, offset, Math.min(16 * 1024, data.length - offset));
            }
            channel.close();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static CompletableFuture<byte[]> readAllAsync(InputStream in) {
        return TestThreads.async(in::readAllBytes);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
