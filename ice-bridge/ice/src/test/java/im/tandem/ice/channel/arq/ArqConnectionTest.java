package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stream on an in-memory pipe and a hand-driven clock: every loss, delay and timeout is placed by the test, so
 * each case runs the same way every time and takes milliseconds. A hang means a bug; the class timeout catches it
 * (on its own thread, since a blocked read does not answer an interrupt).
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ArqConnectionTest {

    /** Small datagrams keep the segment arithmetic readable. */
    private static final ArqConfig CONFIG = ArqConfig.defaults().withMaxDatagramBytes(ArqConfig.MIN_DATAGRAM_BYTES);
    private static final int SEGMENT = CONFIG.segmentBytes();
    /** The stream's timer resolution: retransmissions and deferred acks happen on multiples of it. */
    private static final Duration TICK = Duration.ofMillis(5);
    /** The retransmission timeout before any round trip has been measured. */
    private static final Duration INITIAL_RTO = Duration.ofMillis(250);
    /** Only bounds how long a test waits for another thread that should already be done. */
    private static final long PROMPT_SECONDS = 5;
    /** Long enough for a woken thread on a loaded machine to have done what it would do. */
    private static final long SETTLE_MILLIS = 300;

    private final ManualClock clock = new ManualClock();
    private final DatagramPipe pipe = new DatagramPipe(clock);
    private final List<IOException> failuresOfA = new CopyOnWriteArrayList<>();
    private final List<IOException> failuresOfB = new CopyOnWriteArrayList<>();
    private final ExecutorService otherThread = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "arq-test-other");
        thread.setDaemon(true);
        return thread;
    });
    private ArqConnection a;
    private ArqConnection b;

    private void open(ArqConfig configOfA, ArqConfig configOfB) {
        a = ArqConnection.open(pipe.a, configOfA, clock, failuresOfA::add);
        b = ArqConnection.open(pipe.b, configOfB, clock, failuresOfB::add);
    }

    @AfterEach
    void closeBoth() {
        if (a != null) {
            a.close();
            b.close();
        }
        otherThread.shutdownNow();
    }

    @Test
    void bytesArriveInOrderAndTheEndAfterThem() throws IOException {
        open(CONFIG, CONFIG);
        byte[] data = randomBytes(20 * SEGMENT + 123, 1);
        a.write(data, 0, data.length);
        a.finish();

        pipe.run(Duration.ofMillis(50), TICK);

        assertThat(readToEnd(b)).isEqualTo(data);
        assertThat(a.awaitDelivered(Duration.ZERO)).as("everything acknowledged").isTrue();
        assertThat(pipe.a.dataPacketsSent()).as("20 full segments, 1 partial, the end: no resends").isEqualTo(22);
        assertThat(failuresOfA).isEmpty();
        assertThat(failuresOfB).isEmpty();
    }

    @Test
    void writableBytesIsTheSendBufferLeftUntilAcknowledgementsFreeIt() throws IOException {
        ArqConfig small = CONFIG.withSendBufferBytes(10 * SEGMENT);
        open(small, small);
        assertThat(a.writableBytes()).isEqualTo(10 * SEGMENT);

        byte[] data = randomBytes(4 * SEGMENT, 3);
        a.write(data, 0, data.length);
        assertThat(a.writableBytes()).as("taken by what waits for acknowledgement").isEqualTo(6 * SEGMENT);

        pipe.deliverAll();
        assertThat(readExactly(b, data.length)).isEqualTo(data);
        pipe.deliverAll();
        assertThat(a.writableBytes()).as("freed by the acknowledgements").isEqualTo(10 * SEGMENT);

        a.finish();
        assertThat(a.writableBytes()).as("nothing more may be written after the end").isZero();
    }

    @Test
    void aReaderAskingForSeveralSegmentsIsAnsweredOnceTheyAreAllThereNotAtTheFirst() throws Exception {
        open(CONFIG, CONFIG);
        pipe.a.holdIf(dataSegment(2));
        byte[] data = randomBytes(3 * SEGMENT, 9);
        byte[] target = new byte[4 * SEGMENT];
        CompletableFuture<Integer> read = onOtherThread(() -> b.read(target, 0, target.length, 3 * SEGMENT));
        a.write(data, 0, data.length);

        pipe.deliverAll();
        Thread.sleep(SETTLE_MILLIS);
        assertThat(read).as("two of the three segments are not enough").isNotDone();

        pipe.a.releaseHeld();
        pipe.deliverAll();
        assertThat(read.get(PROMPT_SECONDS, TimeUnit.SECONDS)).isEqualTo(3 * SEGMENT);
        assertThat(Arrays.copyOf(target, 3 * SEGMENT)).isEqualTo(data);
    }

    @Test
    void aReaderAskingForMoreThanTheBufferHoldsTakesWhatItHasOnceTheBufferIsNearlyFull() throws Exception {
        int window = 4 * SEGMENT;
        open(CONFIG, CONFIG.withReceiveBufferBytes(window));
        learnPeerWindow();
        byte[] data = randomBytes(8 * SEGMENT, 10);
        CompletableFuture<Integer> read = onOtherThread(() -> b.read(new byte[10 * SEGMENT], 0, 10 * SEGMENT,
                10 * SEGMENT));

        a.write(data, 0, data.length);
        pipe.deliverAll();

        // The reader wakes once less than two segments' room is left, counting each segment's overhead: after the
        // third segment or the fourth, depending on when its thread runs; without the rule it would wait for ten.
        assertThat(read.get(PROMPT_SECONDS, TimeUnit.SECONDS)).as("what the reader took of what the window let through")
                .isBetween(3 * SEGMENT, window);
    }

    @Test
    void aWriterBlockedOnAFullSendBufferWaitsForAQuarterOfItToBeFree() throws Exception {
        ArqConfig sixteenSegments = CONFIG.withSendBufferBytes(16 * SEGMENT);
        open(sixteenSegments, CONFIG);
        AtomicInteger acks = new AtomicInteger();
        pipe.b.holdIf(packet -> packet.type() == Packet.Type.ACK && acks.incrementAndGet() > 1);
        byte[] data = randomBytes(20 * SEGMENT, 11);
        CompletableFuture<Void> write = onOtherThread(() -> {
            a.write(data, 0, data.length);
            return null;
        });
        awaitWritable(0);

        pipe.deliverAll(); // one ack comes back, for two segments: an eighth of the buffer
        Thread.sleep(SETTLE_MILLIS);
        assertThat(a.writableBytes()).as("freed, and not yet taken by the writer").isEqualTo(2 * SEGMENT);
        assertThat(write).isNotDone();

        CompletableFuture<byte[]> read = onOtherThread(() -> readExactly(b, data.length));
        pipe.b.releaseHeld();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPT_SECONDS);
        while (!read.isDone() && System.nanoTime() < deadline) {
            pipe.deliverAll();
            Thread.sleep(1);
        }
        write.get(PROMPT_SECONDS, TimeUnit.SECONDS);
        assertThat(read.get(PROMPT_SECONDS, TimeUnit.SECONDS)).isEqualTo(data);
    }

    @Test
    void aLostSegmentIsResentAsSoonAsThreeLaterOnesAreAcknowledged() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.dropIf(once(dataSegment(2)));
        byte[] data = randomBytes(10 * SEGMENT, 2);
        a.write(data, 0, data.length);

        pipe.deliverAll(); // the clock stands still: no timer can be what repairs the loss

        assertThat(readExactly(b, data.length)).isEqualTo(data);
        assertThat(pipe.a.sentData(2)).hasSize(2);
        assertThat(pipe.a.dataPacketsSent()).as("only the lost segment resent").isEqualTo(11);
    }

    @Test
    void aLostLastSegmentIsResentWhenTheInitialRetransmissionTimeoutExpires() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.dropIf(once(dataSegment(0)));
        byte[] data = randomBytes(100, 3);
        a.write(data, 0, data.length);

        pipe.run(INITIAL_RTO.minus(TICK), TICK);
        assertThat(pipe.a.sentData(0)).as("no resend before the timeout").hasSize(1);
        pipe.run(TICK, TICK);

        assertThat(pipe.a.sentData(0)).extracting(DatagramPipe.Sent::at)
                .containsExactly(Duration.ZERO, INITIAL_RTO);
        assertThat(readExactly(b, data.length)).isEqualTo(data);
    }

    @Test
    void theRetransmissionTimeoutDoublesOnEachExpiryUpToItsCap() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.dropIf(packet -> packet.type() == Packet.Type.DATA);
        a.write(new byte[1], 0, 1);

        pipe.run(Duration.ofSeconds(6), TICK);

        // 250, 500, 1000, 2000 ms, then the 2 s cap.
        assertThat(pipe.a.sentData(0)).extracting(DatagramPipe.Sent::at).containsExactly(Duration.ZERO,
                Duration.ofMillis(250), Duration.ofMillis(750), Duration.ofMillis(1750), Duration.ofMillis(3750),
                Duration.ofMillis(5750));
    }

    @Test
    void theRetransmissionTimeoutFollowsTheMeasuredRoundTrip() throws IOException {
        open(CONFIG, CONFIG);
        a.write(new byte[2 * SEGMENT], 0, 2 * SEGMENT); // two segments: acknowledged at once, no deferred ack
        clock.advance(Duration.ofMillis(40));
        pipe.deliverAll(); // one round trip of 40 ms: RTO = 40 + 4 x 40 / 2 = 120 ms (RFC 6298 first sample)

        pipe.a.dropIf(packet -> packet.type() == Packet.Type.DATA);
        a.write(new byte[1], 0, 1);
        pipe.run(Duration.ofMillis(200), TICK);

        assertThat(pipe.a.sentData(2)).extracting(DatagramPipe.Sent::at)
                .containsExactly(Duration.ofMillis(40), Duration.ofMillis(40 + 120));
    }

    @Test
    void segmentsReorderedWithinTheThresholdAreReassembledWithoutResending() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.holdIf(once(dataSegment(0)));
        byte[] data = randomBytes(3 * SEGMENT, 4);
        a.write(data, 0, data.length);

        pipe.deliverAll();
        Packet lastAck = last(pipe.b.sentOfType(Packet.Type.ACK)).packet();
        assertThat(lastAck.cumulativeAck()).as("still waiting for segment 0").isZero();
        assertThat(lastAck.sackRanges()).as("holding 1 and 2").containsExactly(1, 3);

        pipe.a.releaseHeld();
        pipe.deliverAll();

        assertThat(readExactly(b, data.length)).isEqualTo(data);
        assertThat(pipe.a.dataPacketsSent()).as("nothing resent").isEqualTo(3);
    }

    @Test
    void duplicatedDatagramsAreDeliveredOnceAndCauseNoResends() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.duplicateIf(packet -> true);
        pipe.b.duplicateIf(packet -> true);
        byte[] data = randomBytes(20 * SEGMENT, 5);
        a.write(data, 0, data.length);
        a.finish();

        pipe.run(Duration.ofMillis(50), TICK);

        assertThat(readToEnd(b)).isEqualTo(data);
        assertThat(pipe.a.dataPacketsSent()).as("20 segments and the end, each once").isEqualTo(21);
        assertThat(pipe.b.sentOfType(Packet.Type.ACK)).as("a copy is not taken for a segment after a hole")
                .allSatisfy(ack -> assertThat(ack.packet().sackRanges()).isEmpty());
    }

    @Test
    void aSegmentResentBecauseItsAckWasLostIsReadOnce() throws IOException {
        open(CONFIG, CONFIG);
        pipe.b.dropIf(packet -> true);
        byte[] data = randomBytes(2 * SEGMENT, 6);
        a.write(data, 0, data.length);
        pipe.run(INITIAL_RTO, TICK);
        assertThat(pipe.a.sentData(0)).as("resent after the timeout").hasSize(2);

        pipe.b.dropIf(packet -> false);
        pipe.run(Duration.ofSeconds(1), TICK); // the next resend is acknowledged
        a.finish();
        pipe.run(Duration.ofMillis(50), TICK);

        assertThat(readToEnd(b)).isEqualTo(data);
    }

    @Test
    void aSingleSegmentIsAcknowledgedAtTheNextTickAndEverySecondOneAtOnce() throws IOException {
        open(CONFIG, CONFIG);
        a.write(new byte[1], 0, 1);
        pipe.deliverAll();
        assertThat(pipe.b.sentOfType(Packet.Type.ACK)).as("deferred").isEmpty();
        pipe.run(TICK, TICK);
        assertThat(pipe.b.sentOfType(Packet.Type.ACK)).hasSize(1);

        a.write(new byte[2 * SEGMENT], 0, 2 * SEGMENT);
        pipe.deliverAll();
        assertThat(pipe.b.sentOfType(Packet.Type.ACK)).as("the second segment's ack goes at once").hasSize(2);
        assertThat(last(pipe.b.sentOfType(Packet.Type.ACK)).packet().cumulativeAck()).isEqualTo(3);
    }

    @Test
    void aBurstReadAtOnceIsAcknowledgedOnceAtTheEndOfTheRead() throws IOException {
        open(CONFIG, CONFIG);
        a.write(new byte[8 * SEGMENT], 0, 8 * SEGMENT);
        pipe.deliverAsReads();
        assertThat(pipe.b.sentOfType(Packet.Type.ACK)).as("one ack for the eight segments of the read").hasSize(1);
        assertThat(last(pipe.b.sentOfType(Packet.Type.ACK)).packet().cumulativeAck()).isEqualTo(8);
        assertThat(readExactly(b, 8 * SEGMENT)).hasSize(8 * SEGMENT);
    }

    @Test
    void aReadThatEndsWithSomethingElseThanDataIsStillAcknowledged() throws IOException {
        open(CONFIG, CONFIG);
        a.write(new byte[4 * SEGMENT], 0, 4 * SEGMENT);
        pipe.a.inject(new byte[] {1, 2, 3}); // garbage, read last
        pipe.deliverAsReads();
        assertThat(pipe.b.sentOfType(Packet.Type.ACK)).as("one ack, at the garbage that ended the read").hasSize(1);
        assertThat(last(pipe.b.sentOfType(Packet.Type.ACK)).packet().cumulativeAck()).isEqualTo(4);
        assertThat(b.droppedDatagrams()).isEqualTo(1);
    }

    @Test
    void aShortLastSegmentEndsItsBatch() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.takeBatchesOf(8);
        a.write(new byte[3 * SEGMENT + SEGMENT / 2], 0, 3 * SEGMENT + SEGMENT / 2);
        assertThat(pipe.a.batches()).as("three full and the half, in one batch").containsExactly(4);
        a.write(new byte[2 * SEGMENT], 0, 2 * SEGMENT);
        assertThat(pipe.a.batches()).as("the half went out already: the next write makes new segments")
                .containsExactly(4, 2);
        pipe.deliverAll();
        assertThat(readExactly(b, 5 * SEGMENT + SEGMENT / 2)).hasSize(5 * SEGMENT + SEGMENT / 2);
    }

    @Test
    void theSegmentsOfOneSendGoOutInBatchesWhereTheTransportTakesThem() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.takeBatchesOf(4);
        // The initial congestion window lets ten full segments go; the half segment waits for an ack.
        a.write(new byte[10 * SEGMENT + SEGMENT / 2], 0, 10 * SEGMENT + SEGMENT / 2);
        assertThat(pipe.a.batches()).containsExactly(4, 4, 2);
        pipe.deliverAll();
        assertThat(pipe.a.batches()).as("the rest, a half segment, goes alone").containsExactly(4, 4, 2);
        assertThat(readExactly(b, 10 * SEGMENT + SEGMENT / 2)).hasSize(10 * SEGMENT + SEGMENT / 2);
    }

    @Test
    void theSenderStopsAtThePeersWindowAndResumesAsTheReaderMakesRoom() throws IOException {
        int window = 4 * SEGMENT;
        open(CONFIG, CONFIG.withReceiveBufferBytes(window));
        learnPeerWindow();
        byte[] data = randomBytes(10 * SEGMENT, 7);
        a.write(data, 0, data.length);

        pipe.deliverAll();
        assertThat(pipe.a.dataPacketsSent()).as("stopped at the window").isEqualTo(4);
        assertThat(last(pipe.b.sentOfType(Packet.Type.ACK)).packet().window()).isZero();

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        received.writeBytes(readExactly(b, 2 * SEGMENT)); // half the window opens: the reader says so
        pipe.deliverAll();
        assertThat(pipe.a.dataPacketsSent()).as("resumed for the opened room only").isEqualTo(6);

        while (received.size() < data.length) {
            received.writeBytes(readExactly(b, SEGMENT));
            pipe.deliverAll();
        }
        assertThat(received.toByteArray()).isEqualTo(data);
        assertThat(pipe.a.dataPacketsSent()).as("nothing was sent beyond the window, so nothing resent")
                .isEqualTo(10);
    }

    @Test
    void aLateAckDoesNotReopenAWindowThatANewerOneClosed() throws IOException {
        open(CONFIG, CONFIG.withReceiveBufferBytes(4 * SEGMENT));
        learnPeerWindow();
        pipe.b.holdIf(once(packet -> packet.type() == Packet.Type.ACK && packet.cumulativeAck() == 2));
        a.write(new byte[10 * SEGMENT], 0, 10 * SEGMENT);
        pipe.deliverAll(); // the ack of four segments, window 0, arrives

        pipe.b.releaseHeld(); // then the older ack of two segments, window 2 segments
        pipe.deliverAll();

        assertThat(pipe.a.dataPacketsSent()).as("the stale window was not believed").isEqualTo(4);
    }

    @Test
    void segmentsBeyondAReceiveBufferSmallerThanTheSenderAssumedAreRefusedAndResentLater() throws IOException {
        int buffer = 4 * SEGMENT;
        open(CONFIG, CONFIG.withReceiveBufferBytes(buffer));
        byte[] data = randomBytes(10 * SEGMENT, 16);
        a.write(data, 0, data.length); // a has not heard from b: it assumes b's buffer is as large as its own

        pipe.deliverAll();
        assertThat(pipe.a.dataPacketsSent()).isEqualTo(10);
        Packet lastAck = last(pipe.b.sentOfType(Packet.Type.ACK)).packet();
        assertThat(lastAck.cumulativeAck()).as("took only what fits").isEqualTo(4);
        assertThat(lastAck.window()).isZero();

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        received.writeBytes(readExactly(b, buffer));
        pipe.run(Duration.ofSeconds(5), TICK); // resent on timeout, and again only what fits is taken
        received.writeBytes(readExactly(b, buffer));
        pipe.run(Duration.ofSeconds(5), TICK);
        received.writeBytes(readExactly(b, 2 * SEGMENT));
        assertThat(received.toByteArray()).isEqualTo(data);
    }

    @Test
    void tinySegmentsBeyondTheReceiversMemoryBudgetAreRefusedThenResentAndTheStreamArrivesInOrder() throws Exception {
        int buffer = 4 * SEGMENT;
        open(CONFIG, CONFIG.withReceiveBufferBytes(buffer));
        pipe.a.dropIf(once(dataSegment(0)));
        byte[] data = randomBytes(300, 17);
        for (int i = 0; i < data.length; i++) {
            a.write(data, i, 1); // the pipe is open: each byte leaves at once in a segment of its own
        }
        a.finish();
        assertThat(pipe.a.dataPacketsSent()).isEqualTo(data.length + 1);

        pipe.deliverAll(); // all but the first arrive out of order, more than the payload room refuses
        long memoryBudget = buffer + (buffer / SEGMENT + 1L) * ReceiveBuffer.SEGMENT_OVERHEAD_BYTES;
        long mostHeld = memoryBudget / (1 + ReceiveBuffer.SEGMENT_OVERHEAD_BYTES);
        assertThat(pipe.b.sentOfType(Packet.Type.ACK)).extracting(sent -> heldOutOfOrder(sent.packet()))
                .as("segments b held out of order, as its acks tell").allMatch(held -> held <= mostHeld)
                .contains(mostHeld);

        CompletableFuture<byte[]> reading = onOtherThread(() -> readToEnd(b));
        for (int step = 0; step < 2000 && !a.awaitDelivered(Duration.ZERO); step++) {
            pipe.run(TICK, TICK);
            Thread.yield();
        }
        assertThat(reading.get(PROMPT_SECONDS, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(failuresOfA).isEmpty();
        assertThat(failuresOfB).isEmpty();
    }

    @Test
    void aLostWindowUpdateIsRecoveredByTheSendersProbeWithinARetransmissionTimeout() throws IOException {
        int window = 4 * SEGMENT;
        open(CONFIG, CONFIG.withReceiveBufferBytes(window));
        learnPeerWindow();
        byte[] data = randomBytes(8 * SEGMENT, 8);
        a.write(data, 0, data.length);
        pipe.deliverAll();
        assertThat(pipe.a.dataPacketsSent()).isEqualTo(4);

        pipe.b.dropIf(once(packet -> packet.type() == Packet.Type.ACK && packet.window() > 0));
        byte[] first = readExactly(b, window);
        pipe.deliverAll();
        assertThat(pipe.a.dataPacketsSent()).as("the update was lost").isEqualTo(4);

        // Well under the one-second keep-alive, which would also recover it, only later.
        pipe.run(Duration.ofMillis(100), TICK);

        assertThat(pipe.a.sentOfType(Packet.Type.PROBE)).isNotEmpty();
        assertThat(pipe.a.dataPacketsSent()).isEqualTo(8);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        received.writeBytes(first);
        received.writeBytes(readExactly(b, window));
        assertThat(received.toByteArray()).isEqualTo(data);
    }

    @Test
    void finishEndsTheStreamAfterTheQueuedBytesAndLaterWritesAreRefused() throws IOException {
        open(CONFIG, CONFIG);
        byte[] data = randomBytes(3 * SEGMENT, 9);
        a.write(data, 0, data.length);
        a.finish();
        assertThat(a.awaitDelivered(Duration.ZERO)).as("not yet acknowledged").isFalse();

        pipe.deliverAll();

        assertThat(a.awaitDelivered(Duration.ZERO)).isTrue();
        assertThat(readToEnd(b)).isEqualTo(data);
        assertThat(b.read(new byte[1], 0, 1)).as("the end stays the end").isEqualTo(-1);
        assertThatThrownBy(() -> a.write(new byte[1], 0, 1)).hasMessageContaining("after finish");
        // Our direction ended, theirs did not.
        b.write(new byte[] {42}, 0, 1);
        pipe.deliverAll();
        assertThat(readExactly(a, 1)).containsExactly(42);
    }

    @Test
    void closeTellsThePeerWhichKeepsWhatItReceivedButFailsLaterCalls() throws IOException {
        open(CONFIG, CONFIG);
        byte[] data = randomBytes(100, 10);
        a.write(data, 0, data.length);
        pipe.deliverAll();

        a.close();
        assertThat(last(pipe.a.sent()).packet().type()).isEqualTo(Packet.Type.CLOSE);
        assertThat(pipe.a.isClosed()).as("transport released").isTrue();
        pipe.deliverAll();

        assertThat(readExactly(b, data.length)).isEqualTo(data);
        assertThatThrownBy(() -> b.read(new byte[1], 0, 1)).hasMessageContaining("the peer closed the stream");
        assertThatThrownBy(() -> b.write(new byte[1], 0, 1)).hasMessageContaining("the peer closed the stream");
        assertThat(pipe.b.isClosed()).as("the peer released its transport too").isTrue();
        assertThat(clock.runningTickers()).as("both timers stopped").isZero();
        assertThat(failuresOfA).as("a close is no failure").isEmpty();
        assertThat(failuresOfB).isEmpty();
    }

    @Test
    void closeAbandonsUnacknowledgedDataAndStopsResending() throws IOException {
        open(CONFIG, CONFIG);
        pipe.a.dropIf(packet -> packet.type() == Packet.Type.DATA);
        a.write(new byte[SEGMENT], 0, SEGMENT);

        a.close();
        a.close(); // idempotent
        pipe.run(Duration.ofSeconds(1), TICK);

        assertThat(a.awaitDelivered(Duration.ofSeconds(1))).isFalse();
        assertThat(pipe.a.sentData(0)).as("never resent after the close").hasSize(1);
        assertThat(pipe.a.sentOfType(Packet.Type.CLOSE)).hasSize(1);
        assertThatThrownBy(() -> a.write(new byte[1], 0, 1)).hasMessageContaining("stream closed");
        assertThatThrownBy(() -> b.read(new byte[1], 0, 1)).hasMessageContaining("the peer closed the stream");
    }

    @Test
    void aPeerThatVanishedFailsTheStreamAfterThePeerTimeoutAndWakesBlockedCalls() throws Exception {
        open(CONFIG, CONFIG);
        a.write(new byte[2 * SEGMENT], 0, 2 * SEGMENT);
        pipe.deliverAll();
        readExactly(b, 2 * SEGMENT);
        pipe.a.dropIf(packet -> true);
        pipe.b.dropIf(packet -> true);
        a.write(new byte[1], 0, 1); // unacknowledged when the peer goes
        CompletableFuture<Integer> blockedRead = onOtherThread(() -> a.read(new byte[1], 0, 1));

        pipe.run(CONFIG.peerTimeout(), TICK);
        assertThat(failuresOfA).as("silence exactly as long as the peer timeout is tolerated").isEmpty();
        assertThat(pipe.a.sentOfType(Packet.Type.PROBE)).as("asked for a sign of life each second").hasSize(10);
        pipe.run(TICK, TICK);

        assertThat(failuresOfA).singleElement().satisfies(cause ->
                assertThat(cause).hasMessageContaining("peerTimeout"));
        assertThatThrownBy(() -> blockedRead.get(PROMPT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IOException.class).hasMessageContaining("peerTimeout");
        assertThatThrownBy(() -> a.write(new byte[1], 0, 1)).hasMessageContaining("peerTimeout");
        assertThat(a.awaitDelivered(Duration.ofSeconds(1))).isFalse();
        assertThat(pipe.a.isClosed()).isTrue();
        a.close();
        assertThat(failuresOfA).as("told once").hasSize(1);
    }

    @Test
    void anIdleStreamKeepsItselfAliveWithProbes() {
        open(CONFIG, CONFIG);

        pipe.run(CONFIG.peerTimeout().multipliedBy(3), TICK);

        assertThat(failuresOfA).isEmpty();
        assertThat(failuresOfB).isEmpty();
        assertThat(pipe.a.sentOfType(Packet.Type.PROBE)).isNotEmpty();
    }

    @Test
    void awaitDeliveredGivesUpAfterTheStallLimitMeasuredOnTheStreamsClock() throws Exception {
        open(CONFIG, CONFIG);
        pipe.a.dropIf(packet -> packet.type() == Packet.Type.DATA);
        a.write(new byte[1], 0, 1);
        CompletableFuture<Boolean> delivered = onOtherThread(() -> a.awaitDelivered(Duration.ofSeconds(3)));

        clock.advance(Duration.ofSeconds(3));

        // Seconds of stream time, milliseconds of real time: on a wall clock this would still be waiting.
        assertThat(delivered.get(1, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void awaitDeliveredReturnsAsSoonAsThePeerHasEverything() throws Exception {
        open(CONFIG, CONFIG);
        pipe.a.dropIf(once(dataSegment(0)));
        a.write(new byte[1], 0, 1);
        CompletableFuture<Boolean> delivered = onOtherThread(() -> a.awaitDelivered(Duration.ofSeconds(3)));

        pipe.run(INITIAL_RTO.plus(TICK.multipliedBy(2)), TICK); // the resend and its (deferred) ack

        assertThat(delivered.get(PROMPT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBlockedWriterContinuesAsAcknowledgementsFreeTheSendBuffer() throws Exception {
        int buffer = 4 * SEGMENT;
        open(CONFIG.withSendBufferBytes(buffer), CONFIG);
        byte[] data = randomBytes(3 * buffer, 11);
        CompletableFuture<Void> writing = onOtherThread(() -> {
            a.write(data, 0, data.length);
            a.finish();
            return null;
        });

        // The writer blocks three times over; only acknowledgements can let it go on.
        while (!writing.isDone()) {
            if (pipe.deliverAll() == 0) {
                clock.advance(TICK); // flushes a deferred ack
            }
            Thread.yield();
        }
        writing.get(PROMPT_SECONDS, TimeUnit.SECONDS);
        pipe.run(Duration.ofMillis(50), TICK);
        assertThat(readToEnd(b)).isEqualTo(data);
    }

    @Test
    void malformedAndImplausibleDatagramsAreDroppedAndCounted() throws IOException {
        open(CONFIG, CONFIG);
        pipe.b.inject("not a packet at all".getBytes());
        pipe.b.inject(ack(5)); // acknowledges data a never sent
        pipe.b.inject(data(CONFIG.receiveBufferBytes() + 1)); // a segment far beyond any window
        pipe.deliverAll();
        assertThat(a.droppedDatagrams()).isEqualTo(3);

        byte[] payload = randomBytes(2 * SEGMENT, 12);
        b.write(payload, 0, payload.length);
        pipe.deliverAll();
        assertThat(readExactly(a, payload.length)).as("the stream is unharmed").isEqualTo(payload);
        assertThat(failuresOfA).isEmpty();
    }

    @Test
    void survivesRandomLossDuplicationAndReorderingInBothDirections() throws IOException {
        open(CONFIG, CONFIG);
        Random random = new Random(13);
        for (DatagramPipe.End end : List.of(pipe.a, pipe.b)) {
            end.dropIf(packet -> random.nextDouble() < 0.1);
            end.duplicateIf(packet -> random.nextDouble() < 0.05);
            end.holdIf(packet -> random.nextDouble() < 0.05);
        }
        byte[] toB = randomBytes(300 * SEGMENT, 14);
        byte[] toA = randomBytes(100 * SEGMENT + 7, 15);
        a.write(toB, 0, toB.length);
        a.finish();
        b.write(toA, 0, toA.length);
        b.finish();

        for (int step = 0; step < 2000 && !(a.awaitDelivered(Duration.ZERO) && b.awaitDelivered(Duration.ZERO));
             step++) {
            pipe.a.releaseHeld(); // held datagrams arrive a tick late, behind later ones
            pipe.b.releaseHeld();
            pipe.run(TICK, TICK);
        }

        assertThat(readToEnd(b)).isEqualTo(toB);
        assertThat(readToEnd(a)).isEqualTo(toA);
        assertThat(failuresOfA).isEmpty();
        assertThat(failuresOfB).isEmpty();
    }

    /** A sender learns the peer's real window from the peer's first packet; until then it assumes its own. */
    private void learnPeerWindow() throws IOException {
        b.write(new byte[1], 0, 1);
        pipe.deliverAll();
        readExactly(a, 1);
    }

    /** How many segments the receiver holds out of order, as far as its selective acks tell. */
    private static long heldOutOfOrder(Packet ack) {
        long held = 0;
        for (int i = 0; i < ack.sackRanges().length; i += 2) {
            held += ack.sackRanges()[i + 1] - ack.sackRanges()[i];
        }
        return held;
    }

    private static Predicate<Packet> dataSegment(long seq) {
        return packet -> packet.type() == Packet.Type.DATA && packet.seq() == seq;
    }

    /** Matches the first packet that the rule matches, and no later one. */
    private static Predicate<Packet> once(Predicate<Packet> rule) {
        AtomicBoolean used = new AtomicBoolean();
        return packet -> rule.test(packet) && used.compareAndSet(false, true);
    }

    private static byte[] ack(long cumulativeAck) {
        ByteBuffer out = ByteBuffer.allocate(CONFIG.maxDatagramBytes());
        Packet.writeAck(out, CONFIG.receiveBufferBytes(), cumulativeAck, new long[0]);
        return toBytes(out);
    }

    private static byte[] data(long seq) {
        ByteBuffer out = ByteBuffer.allocate(CONFIG.maxDatagramBytes());
        Packet.writeData(out, CONFIG.receiveBufferBytes(), 0, seq, false, new byte[] {1});
        return toBytes(out);
    }

    private static byte[] toBytes(ByteBuffer written) {
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    private static <T> T last(List<T> list) {
        assertThat(list).isNotEmpty();
        return list.get(list.size() - 1);
    }

    /** Reads exactly this many bytes; they must already have arrived, or the test hangs into its timeout. */
    private static byte[] readExactly(ArqConnection connection, int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int done = 0; done < length; ) {
            int n = connection.read(bytes, done, length - done);
            assertThat(n).as("end of stream after %d of %d bytes", done, length).isPositive();
            done += n;
        }
        return bytes;
    }

    private static byte[] readToEnd(ArqConnection connection) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; (n = connection.read(chunk, 0, chunk.length)) >= 0; ) {
            bytes.write(chunk, 0, n);
        }
        return bytes.toByteArray();
    }

    private void awaitWritable(long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPT_SECONDS);
        while (a.writableBytes() != bytes && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(a.writableBytes()).isEqualTo(bytes);
    }

    private <T> CompletableFuture<T> onOtherThread(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        otherThread.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
