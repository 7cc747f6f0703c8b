package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TransferThreadsTest {
    private final AtomicInteger created = new AtomicInteger();
    private final ThreadFactory counting = task -> {
        created.incrementAndGet();
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    @Test
    void atMostTheSetNumberOfThreadsRunAndTheRestWaitTheirTurn() throws Exception {
        ThreadPoolExecutor pool = TransferThreads.pool(2, counting);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                work.add(pool.submit(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    release.await(5, TimeUnit.SECONDS);
                    running.decrementAndGet();
                    return null;
                }));
            }
            Thread.sleep(200); // time for a pool without a bound to start a thread for each
            assertThat(created).hasValue(2);
            assertThat(pool.getQueue()).as("work waiting for a thread").hasSize(4);

            release.countDown();
            for (Future<?> each : work) {
                each.get(5, TimeUnit.SECONDS);
            }
            assertThat(mostAtOnce).hasValue(2);
            assertThat(created).hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBoundFollowsTheSettingEitherWay() {
        ThreadPoolExecutor pool = TransferThreads.pool(4, counting);
        try {
            TransferThreads.resize(pool, 9);
            assertThat(pool.getCorePoolSize()).isEqualTo(9);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(9);

            TransferThreads.resize(pool, 1);
            assertThat(pool.getCorePoolSize()).isEqualTo(1);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idleThreadsAreLetGo() {
        ThreadPoolExecutor pool = TransferThreads.pool(3, counting);
        try {
            assertThat(pool.allowsCoreThreadTimeOut()).isTrue();
            assertThat(pool.getKeepAliveTime(TimeUnit.MILLISECONDS)).isEqualTo(TransferThreads.IDLE_TIME.toMillis());
        } finally {
            pool.shutdownNow();
        }
    }
}
