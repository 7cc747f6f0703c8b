package im.tandem.ice.vnet;

import im.tandem.ice.net.Scheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualClockTest {
    private final VirtualClock clock = new VirtualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void eventsRunInTimeOrderAndTiesInTheOrderTheyWereScheduled() {
        clock.schedule(Duration.ofMillis(20), () -> ran.add("late"));
        clock.schedule(Duration.ofMillis(10), () -> ran.add("first at 10"));
        clock.schedule(Duration.ofMillis(10), () -> ran.add("second at 10"));

        clock.advance(Duration.ofMillis(15));

        assertThat(ran).containsExactly("first at 10", "second at 10");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(15));
    }

    @Test
    void anEventSeesItsOwnTimeAndMaySchedule() {
        clock.schedule(Duration.ofMillis(10), () -> {
            ran.add("at " + clock.elapsed().toMillis());
            clock.schedule(Duration.ofMillis(5), () -> ran.add("at " + clock.elapsed().toMillis()));
        });

        clock.advance(Duration.ofMillis(100));

        assertThat(ran).containsExactly("at 10", "at 15");
    }

    @Test
    void aCancelledEventNeverRuns() {
        Scheduler.Cancellable cancellable = clock.schedule(Duration.ofMillis(10), () -> ran.add("cancelled"));
        cancellable.cancel();

        clock.advance(Duration.ofSeconds(1));

        assertThat(ran).isEmpty();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void runUntilStopsAtTheEventThatMadeItTrue() {
        clock.schedule(Duration.ofMillis(10), () -> ran.add("done"));
        clock.schedule(Duration.ofMillis(20), () -> ran.add("too far"));

        clock.runUntil(() -> !ran.isEmpty(), Duration.ofSeconds(1));

        assertThat(ran).containsExactly("done");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void runUntilFailsWhenNothingIsLeftOrTheLimitIsPassed() {
        assertThatThrownBy(() -> clock.runUntil(() -> false, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing left");

        clock.schedule(Duration.ofSeconds(2), () -> ran.add("after the limit"));
        assertThatThrownBy(() -> clock.runUntil(() -> false, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not done within");
        assertThat(ran).isEmpty();
    }

    @Test
    void aLoopThatNeverEndsIsStopped() {
        Runnable[] again = new Runnable[1];
        again[0] = () -> clock.schedule(Duration.ZERO, again[0]);
        clock.schedule(Duration.ZERO, again[0]);

        assertThatThrownBy(() -> clock.advance(Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a loop?");
    }

    @Test
    void negativeDelaysAreRefused() {
        assertThatThrownBy(() -> clock.schedule(Duration.ofMillis(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
