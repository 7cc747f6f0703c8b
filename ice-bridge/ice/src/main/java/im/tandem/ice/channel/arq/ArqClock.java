package im.tandem.ice.channel.arq;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import im.tandem.ice.concurrent.DaemonThreads;

/**
 * Where a stream reads the time and gets its periodic tick from. Production uses {@link #system()}; a test passes
 * a clock it advances by hand, so timeouts and retransmissions happen at exact, repeatable moments without sleeping.
 */
interface ArqClock {

    /** A running periodic task. */
    @FunctionalInterface
    interface Ticker {
        /**
         * No tick starts after this; one already running finishes. May be called from the task itself, which is
         * how a stream that fails in its tick releases its timer.
         */
        void stop();
    }

    /** Monotonic nanoseconds with an arbitrary origin, like {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Runs the task every period, the first time one period from now, never two runs at once, until stopped.
     */
    Ticker tickEvery(Duration period, Runnable task);

    /** {@link System#nanoTime()}, and a daemon thread per ticker so one stream's tick never delays another's. */
    static ArqClock system() {
        return SystemClock.INSTANCE;
    }

    final class SystemClock implements ArqClock {

        private static final SystemClock INSTANCE = new SystemClock();

        private SystemClock() {
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Ticker tickEvery(Duration period, Runnable task) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("arq-timer"));
            timer.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
            return timer::shutdown; // not shutdownNow: the stop may come from the running tick itself
        }
    }
}
