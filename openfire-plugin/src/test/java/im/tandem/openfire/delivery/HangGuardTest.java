package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A send that never returns costs a retry, not a worker thread. */
class HangGuardTest {
    private static final Duration LIMIT = Duration.ofMillis(200);

    @Test
    void aFinishedSendGivesItsOwnResult() {
        HangGuard guard = new HangGuard("test-send", 2);
        assertThat(guard.run("the send", LIMIT, SendResult::sent)).isEqualTo(SendResult.sent());
        assertThat(guard.run("the send", LIMIT, () -> SendResult.giveUp("bad address")))
                .isEqualTo(SendResult.giveUp("bad address"));
        assertThat(guard.run("the send", LIMIT, () -> {
            throw new IllegalStateException("broken");
        })).isEqualTo(SendResult.tryAgain("the send: java.lang.IllegalStateException: broken"));
    }

    /** A send that returned no longer counts, even while its thread is not yet back waiting for the next one. */
    @Test
    void sendsOneAfterTheOtherAreNeverRefused() {
        HangGuard guard = new HangGuard("test-sequential", 1);
        for (int i = 0; i < 500; i++) {
            assertThat(guard.run("send " + i, LIMIT, SendResult::sent)).isEqualTo(SendResult.sent());
        }
    }

    @Test
    void aHangingSendIsRetriedAndTooManyHangingOnesRefuseMore() throws Exception {
        HangGuard guard = new HangGuard("test-send", 1);
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        // Ignores interrupts, as a socket read does.
        SendResult first = guard.run("the SMTP session", LIMIT, () -> {
            started.countDown();
            while (true) {
                try {
                    never.await();
                    return SendResult.sent();
                } catch (InterruptedException ignored) {
                    // keeps hanging
                }
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first).isEqualTo(SendResult.tryAgain("the SMTP session did not finish within 200 ms"));
        assertThat(guard.run("the SMTP session", LIMIT, SendResult::sent))
                .isEqualTo(SendResult.tryAgain("the SMTP session was not started: all 1 allowed at once are still running"));
        never.countDown();
    }
}
