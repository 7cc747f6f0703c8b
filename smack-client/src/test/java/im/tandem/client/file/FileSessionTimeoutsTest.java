package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.transport.TransportMethod;

/**
 * Each of a file session's six timeouts, on a clock moved by hand: the session ends with the right reason and
 * text when its time is up, and not a millisecond before.
 */
class FileSessionTimeoutsTest {
    /** Distinct from each other and from the defaults, so that a timeout armed with the wrong one shows. */
    private static final Duration NEGOTIATION = Duration.ofSeconds(7);
    private static final Duration CONFIRMATION = Duration.ofSeconds(11);
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** Time that passes before the step that arms a timeout: the timeout counts from that step, not before. */
    private static final Duration EARLIER = Duration.ofSeconds(3);
    private static final Duration TICK = Duration.ofMillis(1);
    private static final int SIZE = 10;

    @TempDir
    Path work;

    private SessionBench bench;

    @BeforeEach
    void setUp() {
        bench = new SessionBench(FileTransferConfig.defaults().withDownloadDirectory(work.resolve("downloads"))
                .withNegotiationTimeout(NEGOTIATION).withConfirmationTimeout(CONFIRMATION)
                .withIncoming(IncomingLimits.defaults().withAnswerTimeout(ANSWER)));
    }

    @Test
    void aTransportReplaceLeftUnansweredEndsTheSessionAfterTheNegotiationTimeout() throws Exception {
        FileSession session = bench.offer(file(), List.of(TransportMethod.S5B, TransportMethod.IBB));
        session.receivedAccept(SessionBench.answer(TransportMethod.S5B));
        bench.clock.advance(EARLIER);
        bench.transports.last().fail("unreachable");
        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.transport_replace);

        assertEndsAfter(session, NEGOTIATION, JingleReason.Reason.timeout, "no answer to our transport-replace");
    }

    @Test
    void theResponderGivesTheTransportsTwiceTheNegotiationTimeoutToCarryTheFile() throws Exception {
        FileSession session = bench.acceptOffer(FileOffers.describe(file()), TransportMethod.IBB);
        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.session_accept);

        assertEndsAfter(session, NEGOTIATION.multipliedBy(2), JingleReason.Reason.failed_transport,
                "no transport carried the file within 14 s");
    }

    @Test
    void anOfferTheUserLeavesUnansweredEndsAfterTheAnswerTimeout() throws Exception {
        FileSession session = bench.receiveOffer(FileOffers.describe(file()), TransportMethod.IBB);

        assertEndsAfter(session, ANSWER, JingleReason.Reason.timeout, "the offer was not answered within 5 s");
    }

    @Test
    void anAcceptedOfferIsNotEndedByTheAnswerTimeout() throws Exception {
        FileSession session = bench.receiveOffer(FileOffers.describe(file()), TransportMethod.IBB);
        bench.clock.advance(EARLIER);
        session.accept(new FileTransferListener() { });

        bench.clock.advance(ANSWER);

        assertThat(session.transfer().result()).isNotDone();
        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.session_accept);
    }

    @Test
    void anAcceptedTransportThatDoesNotConnectInTimeIsGivenUp() throws Exception {
        FileSession session = bench.offer(file(), List.of(TransportMethod.IBB));
        bench.clock.advance(EARLIER);
        session.receivedAccept(SessionBench.answer(TransportMethod.IBB));

        assertEndsAfter(session, NEGOTIATION, JingleReason.Reason.failed_transport,
                "no transport could carry the file (ibb: no connection within 7 s)");
    }

    @Test
    void theSenderWaitsTheConfirmationTimeoutForTheReceiversVerdict() throws Exception {
        FileSession session = bench.offer(file(), List.of(TransportMethod.IBB));
        session.receivedAccept(SessionBench.answer(TransportMethod.IBB));
        bench.clock.advance(EARLIER);
        bench.transports.last().connect(new byte[0]);
        assertThat(bench.transports.last().written.size()).as("every byte left").isEqualTo(SIZE);

        assertEndsAfter(session, CONFIRMATION, JingleReason.Reason.timeout,
                "the receiver did not confirm the file within 11 s");
    }

    @Test
    void theReceiverWaitsTheConfirmationTimeoutForAChecksumTheOfferOnlyAnnounced() throws Exception {
        FileDescription announced = new FileDescription(FileInfo.builder().name("a.txt").size(SIZE)
                .hash(FileHash.announced(FileHash.SHA_256)).build());
        FileSession session = bench.acceptOffer(announced, TransportMethod.IBB);
        bench.clock.advance(EARLIER);
        bench.transports.last().connect(new byte[SIZE]);

        assertEndsAfter(session, CONFIRMATION, JingleReason.Reason.timeout,
                "the sender never sent the file's checksum");
        try (var downloads = Files.list(work.resolve("downloads"))) {
            assertThat(downloads).as("the unverified file is not kept").isEmpty();
        }
    }

    /** Nothing ends until {@code limit} has passed; then the session ends, telling the peer {@code reason}. */
    private void assertEndsAfter(FileSession session, Duration limit, JingleReason.Reason reason, String text) {
        bench.clock.advance(limit.minus(TICK));
        assertThat(session.transfer().result()).as("still running just before the limit").isNotDone();
        assertThat(bench.sent).extracting(Jingle::getAction).doesNotContain(JingleAction.session_terminate);

        bench.clock.advance(TICK);
        Jingle terminate = bench.lastSent();
        assertThat(terminate.getAction()).isEqualTo(JingleAction.session_terminate);
        assertThat(terminate.getReason().asEnum()).isEqualTo(reason);
        assertThat(terminate.getReason().getText()).isEqualTo(text);
        assertThatThrownBy(() -> session.transfer().result().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(FileTransferException.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(reason);
                    assertThat(failure.getMessage()).isEqualTo(text);
                });
    }

    private Path file() throws Exception {
        return Files.write(work.resolve("a.txt"), new byte[SIZE]);
    }
}
