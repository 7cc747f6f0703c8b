package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.JingleAction;
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
        ByteArrayOutputStream written = connectRunningAtTheFirstWrite(() -> {
            confirm();
            assertThat(session.transfer().result()).as("not done before the bytes have left").isNotDone();
        });

        assertThat(written.size()).isEqualTo(SIZE);
        assertThat(session.transfer().result()).isCompleted();
    }

    /**
     * A peer that has the whole file ends the session and forgets it: a transport-info of ours still on its way
     * is answered item-not-found. That answer says nothing about the file.
     */
    @Test
    void aRequestTheConfirmingPeerNoLongerKnowsDoesNotFailTheTransfer() {
        bench.transports.last().sendInfo();
        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.transport_info);

        connectRunningAtTheFirstWrite(() -> {
            confirm();
            bench.refuseLast(StanzaError.Condition.item_not_found);
        });

        assertThat(session.transfer().result()).isCompleted();
        assertThat(session.transfer().result().join().size()).isEqualTo(SIZE);
    }

    /** The same answer before the peer's session-terminate: bytes are moving, so the transfer goes on. */
    @Test
    void aTransportInfoRefusedWhileTheBytesAreMovingDoesNotFailTheTransfer() {
        bench.transports.last().sendInfo();

        ByteArrayOutputStream written = connectRunningAtTheFirstWrite(() -> {
            bench.refuseLast(StanzaError.Condition.item_not_found);
            assertThat(session.transfer().result()).isNotDone();
        });
        assertThat(written.size()).isEqualTo(SIZE);

        confirm();

        assertThat(session.transfer().result()).isCompleted();
    }

    @Test
    void aRefusedRequestBeforeThePeerEndedTheSessionFailsTheTransfer() {
        bench.transports.last().sendInfo();

        bench.refuseLast(StanzaError.Condition.item_not_found);

        assertThat(session.transfer().result()).isCompletedExceptionally();
        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.session_terminate);
    }

    /** The receiver confirms with {@code <success/>}. */
    private void confirm() {
        session.receivedTerminate(new JingleReason(JingleReason.Reason.success, null, null));
    }

    /**
     * Connects the transport; when the first bytes are written, {@code atFirstWrite} runs before they have left.
     *
     * @return what was written
     */
    private ByteArrayOutputStream connectRunningAtTheFirstWrite(Runnable atFirstWrite) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        bench.transports.last().connect(new byte[0], new FilterOutputStream(written) {
            private boolean reached;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (!reached) {
                    reached = true;
                    atFirstWrite.run();
                }
                super.write(bytes, offset, length);
            }
        });
        return written;
    }
}
