package im.tandem.ice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.ice.channel.arq.ArqConfig;
import im.tandem.ice.channel.arq.ArqConnection;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS over the reliable stream on a lossless in-memory path: what the stream adds (pinned trust, both directions,
 * the end of each) without sockets. Each side's handshake blocks, so the server's runs on another thread.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsStreamTest {

    private static final ChannelIdentity CLIENT_ID = ChannelIdentity.generate();
    private static final ChannelIdentity SERVER_ID = ChannelIdentity.generate();
    private static final Fingerprint IMPOSTOR = ChannelIdentity.generate().fingerprint();
    /** Only catches hangs; everything here takes milliseconds. */
    private static final long LIMIT_SECONDS = 10;
    /** Where an ARQ packet's type byte sits (after its magic), the code of a data packet, and its header length. */
    private static final int ARQ_TYPE_OFFSET = 4;
    private static final byte ARQ_DATA_TYPE = 0;
    private static final int ARQ_HEADER_BYTES = 26;

    private final MemoryPath path = new MemoryPath();
    private final ArqConnection clientStream = ArqConnection.open(path.a, ArqConfig.defaults(), cause -> { });
    private final ArqConnection serverStream = ArqConnection.open(path.b, ArqConfig.defaults(), cause -> { });
    private SSLEngine clientEngine;
    private SSLEngine serverEngine;
    private TlsStream client;
    private TlsStream server;

    private void createEnds(Fingerprint clientExpects, Fingerprint serverExpects) {
        clientEngine = TlsContexts.engine(CLIENT_ID, clientExpects, Channel.Role.CLIENT);
        serverEngine = TlsContexts.engine(SERVER_ID, serverExpects, Channel.Role.SERVER);
        client = new TlsStream(clientEngine, clientStream);
        server = new TlsStream(serverEngine, serverStream);
    }

    private void handshakeBoth() throws Exception {
        createEnds(SERVER_ID.fingerprint(), CLIENT_ID.fingerprint());
        CompletableFuture<Void> serverDone = TestThreads.async(() -> {
            server.handshake();
            return null;
        });
        client.handshake();
        serverDone.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeStreams() {
        clientStream.close();
        serverStream.close();
    }

    @Test
    void theHandshakeAuthenticatesBothSidesByTheirPinnedFingerprints() throws Exception {
        handshakeBoth();

        assertThat(clientEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(Fingerprint.of((X509Certificate) clientEngine.getSession().getPeerCertificates()[0]))
                .isEqualTo(SERVER_ID.fingerprint());
        assertThat(Fingerprint.of((X509Certificate) serverEngine.getSession().getPeerCertificates()[0]))
                .isEqualTo(CLIENT_ID.fingerprint());
    }

    @Test
    void aServerExpectingAnotherClientRefusesItAndTheClientLearnsOfIt() throws Exception {
        createEnds(SERVER_ID.fingerprint(), IMPOSTOR);
        CompletableFuture<Void> serverDone = TestThreads.async(() -> {
            try {
                server.handshake();
            } finally {
                server.closeOutbound(); // sends the pending alert, as the channel does
            }
            return null;
        });

        // In TLS 1.3 the client finishes first; it hears of the refusal at the latest on its first read.
        assertThatThrownBy(() -> {
            client.handshake();
            client.read(new byte[1], 0, 1);
        }).isInstanceOf(SSLException.class);
        assertThatThrownBy(() -> serverDone.get(LIMIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SSLHandshakeException.class)
                .rootCause().isInstanceOf(CertificateException.class)
                .hasMessageContaining(CLIENT_ID.fingerprint().value())
                .hasMessageContaining(IMPOSTOR.value());
    }

    @Test
    void aClientExpectingAnotherServerRefusesIt() throws Exception {
        createEnds(IMPOSTOR, CLIENT_ID.fingerprint());
        CompletableFuture<Void> serverDone = TestThreads.async(() -> {
            server.handshake();
            return null;
        });

        assertThatThrownBy(client::handshake).isInstanceOf(SSLHandshakeException.class)
                .rootCause().isInstanceOf(CertificateException.class)
                .hasMessageContaining(SERVER_ID.fingerprint().value());
        client.closeOutbound();
        assertThatThrownBy(() -> serverDone.get(LIMIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SSLException.class);
    }

    @Test
    void theHandshakeFailsWhenThePeerGoesAway() {
        createEnds(SERVER_ID.fingerprint(), CLIENT_ID.fingerprint());
        serverStream.close();

        assertThatThrownBy(client::handshake).isInstanceOf(IOException.class);
    }

    @Test
    void aPeerThatClosesTlsDuringTheHandshakeEndsIt() throws Exception {
        createEnds(SERVER_ID.fingerprint(), CLIENT_ID.fingerprint());
        serverEngine.beginHandshake();
        server.closeOutbound(); // user_canceled and close_notify, as an engine closed mid-handshake sends

        assertThatThrownBy(client::handshake).isInstanceOf(EOFException.class)
                .hasMessageContaining("closed the channel during the handshake");
    }

    @Test
    void bytesFlowBothWaysAtOnce() throws Exception {
        handshakeBoth();
        byte[] toServer = ChannelTest.randomBytes(1024 * 1024, 1);
        byte[] toClient = ChannelTest.randomBytes(512 * 1024 + 3, 2);
        CompletableFuture<byte[]> serverReads = TestThreads.async(() -> readExactly(server, toServer.length));
        CompletableFuture<byte[]> clientReads = TestThreads.async(() -> readExactly(client, toClient.length));
        CompletableFuture<Void> serverWrites = TestThreads.async(() -> {
            server.write(toClient, 0, toClient.length);
            return null;
        });

        client.write(toServer, 0, toServer.length);

        serverWrites.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        assertThat(serverReads.get(LIMIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(toServer);
        assertThat(clientReads.get(LIMIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(toClient);
    }

    @Test
    void availableCountsDecryptedBytesNotYetRead() throws Exception {
        handshakeBoth();
        client.write(ascii("0123456789"), 0, 10);

        assertThat(readExactly(server, 4)).isEqualTo(ascii("0123"));
        assertThat(server.available()).isEqualTo(6);
    }

    @Test
    void closingOneDirectionEndsThePeersInputWhileTheOtherDirectionStaysOpen() throws Exception {
        handshakeBoth();
        client.write(ascii("last words"), 0, 10);
        client.closeOutbound();

        assertThat(readToEnd(server)).isEqualTo(ascii("last words"));
        assertThat(server.read(new byte[1], 0, 1)).as("the end stays the end").isEqualTo(-1);
        assertThatThrownBy(() -> client.write(new byte[1], 0, 1)).hasMessageContaining("closed for writing");

        server.write(ascii("reply"), 0, 5);
        server.closeOutbound();
        assertThat(readToEnd(client)).isEqualTo(ascii("reply"));
    }

    @Test
    void aStreamThatEndsWithoutCloseNotifyIsReportedAsTruncation() throws Exception {
        handshakeBoth();
        client.write(ascii("cut"), 0, 3);
        clientStream.finish(); // the stream ends, TLS never said so

        assertThat(readExactly(server, 3)).isEqualTo(ascii("cut"));
        assertThatThrownBy(() -> server.read(new byte[1], 0, 1)).isInstanceOf(EOFException.class)
                .hasMessageContaining("truncation");
    }

    @Test
    void aRecordAlteredOnTheWayFailsAuthentication() throws Exception {
        handshakeBoth();
        AtomicBoolean tampered = new AtomicBoolean();
        path.a.rewrite(datagram -> {
            boolean carriesData = datagram[ARQ_TYPE_OFFSET] == ARQ_DATA_TYPE && datagram.length > ARQ_HEADER_BYTES;
            if (carriesData && tampered.compareAndSet(false, true)) {
                datagram[datagram.length - 1] ^= 1; // inside the record's authentication tag
            }
            return datagram;
        });

        client.write(ascii("pay 10 euros"), 0, 12);

        assertThatThrownBy(() -> server.read(new byte[12], 0, 12)).isInstanceOf(SSLException.class);
    }

    private static byte[] readExactly(TlsStream stream, int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int done = 0; done < length; ) {
            int n = stream.read(bytes, done, length - done);
            assertThat(n).as("end of stream after %d of %d bytes", done, length).isPositive();
            done += n;
        }
        return bytes;
    }

    private static byte[] readToEnd(TlsStream stream) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
            bytes.write(chunk, 0, n);
        }
        return bytes.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
