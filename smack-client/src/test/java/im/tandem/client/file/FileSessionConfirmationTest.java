package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.client.file.transport.TransportMethod;

/**
 * The sender and the receiver's {@code <success/>}: whether it comes once every byte left or while the last ones
 * are still on their way out, the transfer succeeds as soon as both are true, with no wait for a timeout.
 */
class FileSessionConfirmationTest {
    private static final int SIZE = 10;

    @TempDir
    Path work;

    private SessionBench bench;
    private FileSession session;

    @BeforeEach
    void setUp() throws Exception {
        bench = new SessionBench(FileTransferConfig.defaults().withDownloadDirectory(work.resolve("downloads")));
        Path file = Files.write(work.resolve("a.txt"), new byte[SIZE]);
        session = bench.offer(file, List.of(TransportMethod.IBB));
        session.receivedAccept(SessionBench.answer(TransportMethod.IBB));
    }

    @Test
    void aConfirmationAfterTheLastByteCompletesTheTransfer() {
        bench.transports.last().connect(new byte[0]);
        assertThat(session.transfer().result()).isNotDone();

        session.receivedTerminate(new JingleReason(JingleReason.Reason.success, null, null));

        assertThat(session.transfer().result()).isCompleted();
        assertThat(session.transfer().result().join().size()).isEqualTo(SIZE);
    }

    @Test
    void aConfirmationWhileTheBytesAreLeavingCompletesTheTransferOnceTheyHaveLeft() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        bench.transports.last().connect(new byte[0], new FilterOutputStream(written) {
            private boolean confirmed;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (!confirmed) {
                    confirmed = true;
                    session.receivedTerminate(new JingleReason(JingleReason.Reason.success, null, null));
                    assertThat(session.transfer().result()).as("not done before the bytes have left").isNotDone();
                }
                super.write(bytes, offset, length);
            }
        });

        assertThat(written.size()).isEqualTo(SIZE);
        assertThat(session.transfer().result()).isCompleted();
    }
}
