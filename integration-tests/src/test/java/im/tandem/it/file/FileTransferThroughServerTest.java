package im.tandem.it.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.file.FileTransfer;
import im.tandem.client.file.FileTransferException;
import im.tandem.client.file.FileTransferConfig;
import im.tandem.client.file.FileTransferListener;
import im.tandem.client.file.TransferResult;
import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.it.jingle.JingleCapture;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Files between two of our clients through a real Openfire: over SOCKS5 bytestreams through Openfire's proxy
 * (listening on 127.0.0.1 only) and in-band through the server, each transport forced by configuration, from an
 * empty file to 50 MB, with the receiver's SHA-256 matching the sender's.
 */
@Tag("server")
class FileTransferThroughServerTest {
    private static final long MEGABYTE = 1 << 20;
    /** Per transfer; 50 MB in-band through the server is the slowest case. */
    private static final Duration TRANSFER_LIMIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(JingleProxy.enable(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw").user("mallory", "mallory-pw")).build());

    @TempDir
    Path work;

    @BeforeAll
    static void contacts() {
        OPENFIRE.server().befriend("alice", "bob");
    }


    static Stream<Arguments> transportsAndSizes() {
        return Stream.of(TransportMethod.S5B, TransportMethod.IBB).flatMap(method -> Stream.of(0L, 1L, 50 * MEGABYTE)
                .map(size -> Arguments.of(method, size)));
    }

    @ParameterizedTest(name = "{1} bytes over {0}")
    @MethodSource("transportsAndSizes")
    void aFileArrivesWhole(TransportMethod method, long size) throws Exception {
        Path file = TestFiles.random(work, "data-" + size + ".bin", size, size);
        Path downloads = work.resolve("downloads");
        try (TandemClient alice = OPENFIRE.login("alice"); TandemClient bob = OPENFIRE.login("bob")) {
            FileTransferConfig only = FileTransferConfig.defaults().withTransports(List.of(method))
                    .withDownloadDirectory(downloads);
            alice.files().setConfig(only);
            bob.files().setConfig(only);
            CompletableFuture<FileTransfer> atBob = new CompletableFuture<>();
            bob.files().setIncomingFileHandler(offer -> atBob.complete(offer.accept(new FileTransferListener() { })));

            FileTransfer sending = alice.files().send(bob.connection().getUser(), file, new FileTransferListener() { });
            TransferResult sent = sending.result().get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS);
            TransferResult received = atBob.get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS).result()
                    .get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS);

            String expected = TestFiles.sha256(file);
            assertThat(sent.sha256()).isEqualTo(expected);
            assertThat(sent.route()).isEqualTo(method);
            assertThat(received.sha256()).isEqualTo(expected);
            assertThat(received.route()).isEqualTo(method);
            assertThat(received.size()).isEqualTo(size);
            assertThat(received.path().getParent()).isEqualTo(downloads);
            assertThat(TestFiles.sha256(received.path())).isEqualTo(expected);
        }
    }

    /**
     * XEP-0260's fallback: the proxy refuses the stream (Openfire relays only streams it saw negotiated by stream
     * initiation when xmpp.proxy.transfer.required is on), both parties report candidate-error, and the initiator
     * replaces the transport with in-band bytestreams.
     */
    @Test
    void whenTheProxyRefusesTheFileGoesInBand() throws Exception {
        Path file = TestFiles.random(work, "fallback.bin", 100_000, 3);
        OPENFIRE.server().setProperty("xmpp.proxy.transfer.required", "true");
        try (TandemClient alice = OPENFIRE.login("alice"); TandemClient bob = OPENFIRE.login("bob")) {
            FileTransferConfig proxyThenInBand = FileTransferConfig.defaults()
                    .withTransports(List.of(TransportMethod.S5B, TransportMethod.IBB))
                    .withDownloadDirectory(work.resolve("downloads"));
            alice.files().setConfig(proxyThenInBand);
            bob.files().setConfig(proxyThenInBand);
            CompletableFuture<FileTransfer> atBob = new CompletableFuture<>();
            bob.files().setIncomingFileHandler(offer -> atBob.complete(offer.accept(new FileTransferListener() { })));

            TransferResult sent = alice.files().send(bob.connection().getUser(), file, new FileTransferListener() { })
                    .result()
                    .get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS);
            TransferResult received = atBob.get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS).result()
                    .get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(sent.route()).isEqualTo(TransportMethod.IBB);
            assertThat(received.route()).isEqualTo(TransportMethod.IBB);
            assertThat(TestFiles.sha256(received.path())).isEqualTo(TestFiles.sha256(file));
        } finally {
            OPENFIRE.server().setProperty("xmpp.proxy.transfer.required", "false");
        }
    }

    @Test
    void ourClientOffersNoFileToAStranger() throws Exception {
        Path file = TestFiles.random(work, "unsolicited.bin", 10, 4);
        try (TandemClient mallory = OPENFIRE.login("mallory"); TandemClient bob = OPENFIRE.login("bob")) {
            assertThatThrownBy(() -> mallory.files().send(bob.connection().getUser(), file,
                    new FileTransferListener() { }))
                    .isInstanceOfSatisfying(FileTransferException.class,
                            e -> assertThat(e.reason()).isEqualTo(JingleReason.Reason.decline))
                    .hasMessageContaining("not a mutual contact");
        }
    }

    /** A client that ignores that rule gets its offer acknowledged, then declined; nothing reaches the disk. */
    @Test
    void aStrangersOfferIsDeclined() throws Exception {
        Path downloads = work.resolve("stranger-downloads");
        try (TandemClient mallory = OPENFIRE.login("mallory"); TandemClient bob = OPENFIRE.login("bob")) {
            bob.files().setConfig(FileTransferConfig.defaults().withTransports(List.of(TransportMethod.IBB))
                    .withDownloadDirectory(downloads));
            CompletableFuture<FileTransfer> atBob = new CompletableFuture<>();
            bob.files().setIncomingFileHandler(offer -> atBob.complete(offer.accept(new FileTransferListener() { })));
            JingleCapture atMallory = JingleCapture.on(mallory.connection());
            Jingle offer = Jingle.builder(mallory.connection()).to(bob.connection().getUser())
                    .setAction(JingleAction.session_initiate).setSessionId("mallory-file-1")
                    .setInitiator(mallory.connection().getUser())
                    .addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                            .setName("file").setSenders(JingleContent.Senders.initiator)
                            .setDescription(new FileDescription(FileInfo.builder().name("invoice.pdf.exe").size(10)
                                    .hash(FileHash.of(FileHash.SHA_256, new byte[32])).build()))
                            .setTransport(new IbbTransport(4096, "mallory-ibb-1", IbbTransport.Stanza.IQ)).build())
                    .build();

            IQ ack = mallory.connection().createStanzaCollectorAndSend(offer).nextResultOrThrow();

            assertThat(ack.getType()).isEqualTo(IQ.Type.result);
            Jingle terminate = atMallory.next(Duration.ofSeconds(15));
            assertThat(terminate.getAction()).isEqualTo(JingleAction.session_terminate);
            assertThat(terminate.getSid()).isEqualTo("mallory-file-1");
            assertThat(terminate.getReason().asEnum()).isEqualTo(JingleReason.Reason.decline);
            assertThat(atBob).as("the user is never asked").isNotDone();
            assertThat(downloads).doesNotExist();
        }
    }
}
