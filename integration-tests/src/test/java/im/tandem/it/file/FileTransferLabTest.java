package im.tandem.it.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import im.tandem.it.direct.DirectLab;
import im.tandem.it.direct.PeerArguments;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.PeerProcess;

/**
 * Files over the direct channel: two chat programs on public lab hosts (ICE never uses loopback, so the peers need
 * the lab's network), their server a real Openfire on a third lab host. {@code /file} with ICE as the only
 * transport must deliver files of 0 B, 1 B and 50 MB whose SHA-256 the receiver reports equal to the sender's.
 */
@Tag("server")
@Tag("lab")
class FileTransferLabTest {
    private static final long MEGABYTE = 1 << 20;
    /** A JVM starting inside a namespace and logging in, on a loaded machine. */
    private static final Duration LOGIN = Duration.ofSeconds(60);
    /** ICE (10 s at most), the channel handshake and 50 MB through the lab's virtual links. */
    private static final Duration TRANSFER = Duration.ofSeconds(120);

    private static DirectLab lab;
    private static PeerProcess alice;
    private static PeerProcess bob;

    @BeforeAll
    static void startLab() throws Exception {
        lab = DirectLab.start(Map.of("a", NatKind.NONE, "b", NatKind.NONE));
        lab.contacts("alice", "bob");
        bob = filePeer("b", "bob");
        bob.await("connected", LOGIN);
        alice = filePeer("a", "alice");
        alice.await("connected", LOGIN);
        alice.awaitContactOnline(lab.jid("bob"), LOGIN);
    }

    @AfterAll
    static void stopLab() {
        for (AutoCloseable closeable : new AutoCloseable[] {alice, bob, lab}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 50 * MEGABYTE})
    void aFileArrivesWholeOverTheDirectChannel(long size) throws Exception {
        Path file = TestFiles.random(lab.lab().workDirectory(), "direct-" + size + ".bin", size, size + 7);
        String sha256 = TestFiles.sha256(file);

        alice.send("/file " + lab.jid("bob") + " " + file);

        List<String> sent = fields(alice.await("file-sent ", TRANSFER));
        List<String> received = fields(bob.await("file-received ", TRANSFER));
        assertThat(sent).containsExactly("file-sent", lab.jid("bob"), file.getFileName().toString(),
                Long.toString(size), sha256, file.toString(), "ice");
        assertThat(received.subList(0, 5)).containsExactly("file-received", lab.jid("alice"),
                file.getFileName().toString(), Long.toString(size), sha256);
        assertThat(received.get(6)).isEqualTo("ice");
        assertThat(TestFiles.sha256(Path.of(received.get(5)))).isEqualTo(sha256);
    }

    private static PeerProcess filePeer(String client, String user) throws Exception {
        Path downloads = Files.createDirectories(lab.lab().workDirectory().resolve("downloads-" + user));
        return lab.peer(client, user, FilePeer.class.getName(), PeerArguments.of(
                PeerArguments.JID, lab.jid(user), PeerArguments.PASSWORD, DirectLab.password(user),
                PeerArguments.SERVER, lab.server().host() + ":" + lab.server().clientPort(),
                PeerArguments.DIRECT, DirectLab.CLIENT_INTERFACE,
                FilePeer.DOWNLOADS, downloads.toString(), FilePeer.TRANSPORTS, "ice"));
    }

    private static List<String> fields(String line) {
        return List.of(line.split(" "));
    }
}
