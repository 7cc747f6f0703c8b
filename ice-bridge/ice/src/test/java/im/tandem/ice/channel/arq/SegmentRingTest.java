package im.tandem.ice.channel.arq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SegmentRingTest {

    private final SegmentRing ring = new SegmentRing();

    @Test
    void anEmptyRingHasNoSegments() {
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.get(0)).isNull();
        assertThatThrownBy(ring::first).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(ring::removeFirst).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void segmentsAreFoundBySequenceNumberAndLeaveOldestFirst() {
        addRange(10, 13);

        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.get(11).seq).isEqualTo(11);
        assertThat(ring.get(9)).as("before the oldest").isNull();
        assertThat(ring.get(13)).as("after the newest").isNull();
        assertThat(ring.removeFirst().seq).isEqualTo(10);
        assertThat(ring.first().seq).isEqualTo(11);
        assertThat(ring.get(10)).as("removed").isNull();
    }

    @Test
    void growsWhileItsContentsWrapAround() {
        addRange(0, 50);
        for (int i = 0; i < 40; i++) {
            ring.removeFirst();
        }
        addRange(50, 300); // past the initial 64 slots, with the oldest in the middle of the array

        assertThat(ring.size()).isEqualTo(260);
        for (long seq = 40; seq < 300; seq++) {
            assertThat(ring.get(seq).seq).isEqualTo(seq);
        }
        for (long seq = 40; seq < 300; seq++) {
            assertThat(ring.removeFirst().seq).isEqualTo(seq);
        }
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    void segmentsMustBeAddedInSequence() {
        addRange(0, 2);

        assertThatThrownBy(() -> ring.addLast(segment(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.addLast(segment(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ring.size()).isEqualTo(2);
    }

    private void addRange(long from, long to) {
        for (long seq = from; seq < to; seq++) {
            ring.addLast(segment(seq));
        }
    }

    private static Segment segment(long seq) {
        return new Segment(seq, new byte[1], false);
    }
}
