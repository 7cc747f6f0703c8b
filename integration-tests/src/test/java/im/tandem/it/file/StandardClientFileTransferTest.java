package im.tandem.it.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.roster.Roster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.Jid;

import im.tandem.client.TandemClient;
import im.tandem.client.file.FileTransfer;
import im.tandem.client.file.FileTransferConfig;
import im.tandem.client.file.FileTransferListener;
import im.tandem.client.file.TransferResult;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Jingle file transfer (XEP-0234) between our client and a standard client not written by us, Debian's Libervia
 * (libervia-backend, driven by libervia-cli), through a real Openfire: each way, with the receiver's SHA-256
 * matching the sender's. Libervia runs with the corrections described in src/test/resources/libervia/backend.py.
 */
@Tag("server")
@Tag("external")
class StandardClientFileTransferTest {
    /** A 300 KB file takes well under a second on either transport; the limit covers a slow CI machine. */
    private static final Duration TRANSFER_LIMIT = Duration.ofSeconds(30);
    /** Libervia's backend finishes starting within seconds; a slow CI machine gets some more. */
    private static final Duration LIBERVIA_START = Duration.ofSeconds(60);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(JingleProxy.enable(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("sam", "sam-pw")).build());

    @TempDir
    static Path work;

    private static LiberviaPeer sam;
    private static TandemClient alice;

    /**
     * Our client comes online before Libervia and stays for the whole class. Openfire 4.2.0 sends a client's
     * initial presence to its contacts before it marks the session available, and in between refuses an IQ to that
     * full JID with service-unavailable (its log: "the route is not available"). Libervia asks for a client's
     * capabilities the moment its presence arrives and keeps a failed answer for that full JID: it then finds no
     * way at all to send a file there. A client already online when Libervia starts is asked once it is routable.
     */
    @BeforeAll
    static void startLibervia() throws Exception {
        OPENFIRE.server().befriend("alice", "sam");
        alice = OPENFIRE.login("alice");
        sam = LiberviaPeer.start(work.resolve("libervia"), OPENFIRE.server(), "sam", "sam-pw");
        Roster roster = Roster.getInstanceFor(alice.connection());
        Awaitility.await("Libervia's first presence").atMost(LIBERVIA_START)
                .until(() -> roster.getPresence(sam.jid().asBareJid()).isAvailable());
    }

    @AfterAll
    static void stopLibervia() {
        if (sam != null) {
            sam.close();
        }
        if (alice != null) {
            alice.close();
        }
    }

    /**
     * Sent to our full JID, Libervia sends its session-initiate straight away; sent to our bare JID, it first
     * proposes the session in a message (XEP-0353) and waits for a device to answer {@code <proceed/>}.
     */
    static Stream<Arguments> sizesAndAddresses() {
        return Stream.of(Arguments.of(0L, "full JID"), Arguments.of(300_000L, "full JID"),
                Arguments.of(300_000L, "bare JID"));
    }

    /**
     * Libervia prefers SOCKS5 bytestreams; our client connects to the candidate it offers on 127.0.0.1, a host of
     * the contact's own, which direct connections must allow (the server's proxy, on loopback as well, says that
     * the contact runs on this machine).
     */
    @ParameterizedTest(name = "{0} bytes to our {1}")
    @MethodSource("sizesAndAddresses")
    void liberviaSendsAFileToOurClient(long size, String address) throws Exception {
        Path file = TestFiles.random(work, "from-libervia-" + size + "-" + address + ".bin", size, 11);
        Path downloads = work.resolve("alice-downloads");
        alice.files().setConfig(FileTransferConfig.defaults().withDownloadDirectory(downloads)
                .withDirectS5bCandidates(true));
        CompletableFuture<FileTransfer> atAlice = new CompletableFuture<>();
        alice.files().setIncomingFileHandler(offer -> atAlice.complete(offer.accept(new FileTransferListener() { })));

        Jid to = address.equals("bare JID") ? alice.jid() : alice.connection().getUser();
        String output = sam.send(file, to, TRANSFER_LIMIT);
        TransferResult received = outcome(atAlice.get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS));

        assertThat(output).contains("File sent successfully");
        assertThat(received.peer().toString()).isEqualTo(sam.jid().toString());
        assertThat(received.route()).isEqualTo(TransportMethod.S5B);
        assertThat(received.size()).isEqualTo(size);
        assertThat(received.sha256()).isEqualTo(TestFiles.sha256(file));
        assertThat(TestFiles.sha256(received.path())).isEqualTo(TestFiles.sha256(file));
    }

    /**
     * Which transports our client may use, the file's size, and the transport it must end up on. An empty file
     * goes in-band even when SOCKS5 comes first: Libervia 0.9 counts a SOCKS5 stream it serves as used only
     * once a byte arrives, so it would never confirm an empty file sent that way.
     */
    static Stream<Arguments> transportsAndSizes() {
        return Stream.of(Arguments.of(List.of(TransportMethod.S5B), 300_000L, TransportMethod.S5B),
                Arguments.of(List.of(TransportMethod.IBB), 0L, TransportMethod.IBB),
                Arguments.of(List.of(TransportMethod.IBB), 300_000L, TransportMethod.IBB),
                Arguments.of(List.of(TransportMethod.S5B, TransportMethod.IBB), 0L, TransportMethod.IBB));
    }

    @ParameterizedTest(name = "{1} bytes over {0}")
    @MethodSource("transportsAndSizes")
    void ourClientSendsAFileToLibervia(List<TransportMethod> transports, long size, TransportMethod expected)
            throws Exception {
        String label = String.join("-", transports.stream().map(TransportMethod::name).toList()) + "-" + size;
        Path file = TestFiles.random(work, "to-libervia-" + label + ".bin", size, transports.size());
        Path into = work.resolve("sam-downloads-" + label);
        alice.files().setConfig(FileTransferConfig.defaults().withTransports(transports)
                .withDownloadDirectory(work.resolve("unused")));
        TransferResult sent;
        String output;
        try (LiberviaPeer.Receiving receiving = sam.receive(alice.jid(), into)) {
            sent = outcome(alice.files().send(sam.jid(), file, new FileTransferListener() { }));
            output = receiving.await(TRANSFER_LIMIT);
        }

        assertThat(sent.route()).isEqualTo(expected);
        assertThat(output).as("Libervia checked the hash we sent").contains("File received successfully")
                .contains("hash checked");
        assertThat(TestFiles.sha256(into.resolve(file.getFileName()))).isEqualTo(TestFiles.sha256(file));
    }

    /**
     * What our side of a transfer came to; one that failed names Libervia's side too (its backend log), since what
     * Libervia did with the session is often the reason (as when it answered a transport-info with item-not-found).
     */
    private static TransferResult outcome(FileTransfer transfer) throws Exception {
        try {
            return transfer.result().get(TRANSFER_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the transfer failed: " + e.getCause().getMessage()
                    + "; Libervia's backend log ends:\n" + sam.logTail(), e);
        }
    }
}
