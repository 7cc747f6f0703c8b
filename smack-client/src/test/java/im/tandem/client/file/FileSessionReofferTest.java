package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.client.file.transport.TransportMethod;

/**
 * An offer refused for its transport alone ends its session with a re-offer over the transports not yet tried,
 * which the container acts on; any other end asks for nothing.
 */
class FileSessionReofferTest {
    @TempDir
    Path work;

    private SessionBench bench;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        bench = new SessionBench(FileTransferConfig.defaults().withDownloadDirectory(work.resolve("downloads")));
        file = Files.write(work.resolve("a.txt"), new byte[] {1, 2, 3});
    }

    @Test
    void anOfferRefusedForItsTransportEndsAskingForItAgainOverTheUntriedTransports() throws Exception {
        FileSession session = bench.offer(file, List.of(TransportMethod.S5B, TransportMethod.IBB));

        session.receivedTerminate(new JingleReason(JingleReason.Reason.unsupported_transports, null, null));

        FileSession.Reoffer again = session.reoffer().orElseThrow();
        assertThat(again.untried()).containsExactly(TransportMethod.IBB);
        assertThat(again.transfer()).isSameAs(session.transfer());
        assertThat(again).extracting(FileSession.Reoffer::peer).isEqualTo(SessionBench.PEER);
        assertThat(again).extracting(FileSession.Reoffer::source).isEqualTo(file);
        assertThat(session.transfer().result()).as("the transfer carries on").isNotDone();
        assertThat(bench.endings).as("the container learns it when the session is done")
                .last().isEqualTo(Optional.of(again));
    }

    @Test
    void aRefusalAfterTheLastTransportAsksForNothing() throws Exception {
        FileSession session = bench.offer(file, List.of(TransportMethod.IBB));

        session.receivedTerminate(new JingleReason(JingleReason.Reason.unsupported_transports, null, null));

        assertThat(session.reoffer()).isEmpty();
        assertThat(session.transfer().result()).isCompletedExceptionally();
    }

    @Test
    void anAcceptedOfferEndedForItsTransportAsksForNothing() throws Exception {
        FileSession session = bench.offer(file, List.of(TransportMethod.S5B, TransportMethod.IBB));
        session.receivedAccept(SessionBench.answer(TransportMethod.S5B));

        session.receivedTerminate(new JingleReason(JingleReason.Reason.unsupported_transports, null, null));

        assertThat(session.reoffer()).isEmpty();
        assertThat(session.transfer().result()).isCompletedExceptionally();
    }
}
