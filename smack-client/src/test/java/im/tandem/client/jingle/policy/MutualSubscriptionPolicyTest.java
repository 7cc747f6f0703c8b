package im.tandem.client.jingle.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MutualSubscriptionPolicyTest {
    @ParameterizedTest
    @EnumSource(RosterPacket.ItemType.class)
    void onlyAMutualSubscriptionAllowsADirectSession(RosterPacket.ItemType subscription) {
        assertThat(MutualSubscriptionPolicy.allows(subscription))
                .isEqualTo(subscription == RosterPacket.ItemType.both);
    }
}
