package im.tandem.openfire.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import im.tandem.openfire.testing.TestClock;

class AwayTrackerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final JID PHONE = new JID("alice@example.org/phone");
    private static final JID LAPTOP = new JID("alice@example.org/laptop");

    private final TestClock clock = new TestClock(T0);
    private final AwayTracker tracker = new AwayTracker(clock);

    @Test
    void aUserIsAwayOnlyWhenEveryDeviceIs() {
        assertThat(tracker.allAwaySince("alice")).as("no device known").isEmpty();
        tracker.update(PHONE, presence(Presence.Show.away));
        tracker.update(LAPTOP, presence(null));
        assertThat(tracker.allAwaySince("alice")).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        tracker.update(LAPTOP, presence(Presence.Show.dnd));
        assertThat(tracker.allAwaySince("alice")).as("since the last device went away").contains(T0.plusSeconds(300));
        tracker.gone(LAPTOP);
        assertThat(tracker.allAwaySince("alice")).as("the remaining device has been away since T0").contains(T0);
        tracker.gone(PHONE);
        assertThat(tracker.allAwaySince("alice")).isEmpty();
    }

    @Test
    void movingBetweenKindsOfAwayKeepsTheFirstMomentAndComingBackIsReported() {
        tracker.update(PHONE, presence(Presence.Show.away));
        clock.advance(Duration.ofMinutes(10));
        assertThat(tracker.update(PHONE, presence(Presence.Show.xa))).isFalse();
        assertThat(tracker.allAwaySince("alice")).contains(T0);
        assertThat(tracker.update(PHONE, presence(Presence.Show.chat))).as("came back").isTrue();
        assertThat(tracker.update(PHONE, presence(null))).as("was not away").isFalse();
        assertThat(tracker.allAwaySince("alice")).isEmpty();
    }

    private static Presence presence(Presence.Show show) {
        Presence presence = new Presence();
        presence.setShow(show);
        return presence;
    }
}
