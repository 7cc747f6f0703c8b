package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The production clock. Its ticks run in real time, so these wait on latches and joins, never on sleeps. */
class ArqClockTest {

    private static final Duration PERIOD = Duration.ofMillis(1);
    /** Only catches hangs; a tick of a millisecond comes at once. */
    private static final long LIMIT_SECONDS = 10;

    @Test
    void theSystemClockIsSystemNanoTime() {
        long before = System.nanoTime();
        long now = ArqClock.system().nanoTime();

        assertThat(now).isBetween(before, System.nanoTime());
    }

    @Test
    void ticksRepeatOnAnOwnDaemonThreadWhoseEndStopsThem() throws Exception {
        CountDownLatch threeTicks = new CountDownLatch(3);
        AtomicReference<Thread> tickThread = new AtomicReference<>();
        ArqClock.Ticker ticker = ArqClock.system().tickEvery(PERIOD, () -> {
            tickThread.set(Thread.currentThread());
            threeTicks.countDown();
        });
        assertThat(threeTicks.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        ticker.stop();

        Thread thread = tickThread.get();
        assertThat(thread.getName()).isEqualTo("arq-timer");
        assertThat(thread.isDaemon()).as("never keeps the JVM alive").isTrue();
        thread.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
        assertThat(thread.isAlive()).as("no tick is left to run").isFalse();
    }

    @Test
    void aTickMayStopItsOwnTicker() throws Exception {
        CompletableFuture<ArqClock.Ticker> self = new CompletableFuture<>();
        AtomicReference<Thread> tickThread = new AtomicReference<>();
        CompletableFuture<Boolean> interruptedAfterStop = new CompletableFuture<>();
        self.complete(ArqClock.system().tickEvery(PERIOD, () -> {
            tickThread.set(Thread.currentThread());
            self.join().stop(); // as a stream that fails in its tick does
            interruptedAfterStop.complete(Thread.currentThread().isInterrupted());
        }));

        // The failing stream still has to close its transport and tell its listener: no interrupt may disturb it.
        assertThat(interruptedAfterStop.get(LIMIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        tickThread.get().join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
        assertThat(tickThread.get().isAlive()).isFalse();
    }
}
