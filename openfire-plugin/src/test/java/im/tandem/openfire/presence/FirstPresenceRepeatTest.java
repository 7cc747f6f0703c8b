package im.tandem.openfire.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstPresenceRepeatTest {
    @Test
    void onlyReleasesBeforeTheFixRecordedInOpenfire430NeedTheRepeat() {
        assertThat(FirstPresenceRepeat.needed(4, 2)).isTrue();
        assertThat(FirstPresenceRepeat.needed(3, 10)).isTrue();
        assertThat(FirstPresenceRepeat.needed(4, 3)).isFalse();
        assertThat(FirstPresenceRepeat.needed(4, 8)).isFalse();
        assertThat(FirstPresenceRepeat.needed(5, 1)).isFalse();
    }
}
