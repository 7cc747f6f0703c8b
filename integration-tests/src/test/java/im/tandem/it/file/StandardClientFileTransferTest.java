package im.tandem.it.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import im.tandem.client.TandemClient;
import im.tandem.client.file.FileTransfer;
import im.tandem.client.file.FileTransferConfig;
import im.tandem.client.file.FileTransferListener;
import im.tandem.client.file.TransferResult;
import im.tandem.client.file.TransportMethod;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Jingle file transfer (XEP-0234) between our client and a standard client not written by us, Debian's Libervia
 * (libervia-backend, driven by libervia-cli), through a real Openfire: each way, with the receiver's SHA-256
 * matching the sender's. Libervia runs with the corrections described in src/test/resources/libervia/backend.py.
 */
class StandardClientFileTransferTest {
    /** A 300 KB file takes well under a second on either transport; the limit covers a slow CI machine. */
    private static final Duration TRANSFER_LIMIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(JingleProxy.enable(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("sam", "sam-pw")).build());

    @TempDir
    static Path work;

    private static LiberviaPeer sam;

    @BeforeAll
    static void startLibervia() throws Exception {
        OPENFIRE.server().befriend("alice", "sam");
        sam = LiberviaPeer.start(work.resolve("libervia"), OPENFIRE.server(), "sam", "sam-pw");
    }

    @AfterAll
    static void stopLibervia() {
        if (sam != null) {
            sam.close();
        }
    }

    /** Libervia prefers SOCKS5 bytestreams; our client connects to the candidate it offers on 127.0.0.1. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 300_000})
    void liberviaSendsAFileToOurClient(long size) throws Exception {
        Path file = TestFiles.random(work, "from-libervia-" + size + ".bin", size, 11);
        Path downloads = work.resolve("alice-downloads");
        try (TandemClient alice = OPENFIRE.login("alice")) {
            alice.files().setConfig(FileTransferConfig.defaults().withDownloadDirectory(downloads));
            CompletableFuture<FileTransfer> atAlice = new CompletableFuture<>();
            alice.files().setIncomingFileHandler(
                    offer -> atAlice.complete(offer.accept(new FileTransferListener() { })));

            String output = sam.send(file, alice.connection().getUser(), TRANSFER_LIMIT);
            TransferResult received = atAlice.get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS).result()
                    .get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(output).contains("File sent successfully");
            assertThat(received.peer().toString()).isEqualTo(sam.jid().toString());
            assertThat(received.route()).isEqualTo(TransportMethod.S5B);
            assertThat(received.size()).isEqualTo(size);
            assertThat(received.sha256()).isEqualTo(TestFiles.sha256(file));
            assertThat(TestFiles.sha256(received.path())).isEqualTo(TestFiles.sha256(file));
        }
    }

    /**
     * No empty file over SOCKS5: Libervia 0.9 creates it but never confirms it (it neither ends the session nor
     * logs an error, after our stream's half-close), while it does confirm an empty file that ends with in-band
     * {@code <close/>}.
     */
    static Stream<Arguments> transportsAndSizes() {
        return Stream.of(Arguments.of(TransportMethod.S5B, 300_000L), Arguments.of(TransportMethod.IBB, 0L),
                Arguments.of(TransportMethod.IBB, 300_000L));
    }

    @ParameterizedTest(name = "{1} bytes over {0}")
    @MethodSource("transportsAndSizes")
    void ourClientSendsAFileToLibervia(TransportMethod method, long size) throws Exception {
        Path file = TestFiles.random(work, "to-libervia-" + method + "-" + size + ".bin", size, method.ordinal());
        Path into = work.resolve("sam-downloads-" + method + "-" + size);
        try (TandemClient alice = OPENFIRE.login("alice")) {
            alice.files().setConfig(FileTransferConfig.defaults().withTransports(List.of(method))
                    .withDownloadDirectory(work.resolve("unused")));
            TransferResult sent;
            String output;
            try (LiberviaPeer.Receiving receiving = sam.receive(alice.jid(), into)) {
                sent = alice.files().send(sam.jid(), file, new FileTransferListener() { }).result()
                        .get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS);
                output = receiving.await(TRANSFER_LIMIT);
            }

            assertThat(sent.route()).isEqualTo(method);
            assertThat(output).as("Libervia checked the hash we sent").contains("File received successfully")
                    .contains("hash checked");
            assertThat(TestFiles.sha256(into.resolve(file.getFileName()))).isEqualTo(TestFiles.sha256(file));
        }
    }
}
