package im.tandem.ice.stun;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StunServerConfigTest {

    @Test
    void alternatePortDefaultsToPrimaryPlusOneAndGivesFourSockets() {
        StunServerConfig config = StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY)
                .alternateAddress(LoopbackPorts.ALTERNATE).build();

        assertThat(config.primaryPort()).isEqualTo(StunDefaults.PORT);
        assertThat(config.alternatePort()).contains(StunDefaults.PORT + 1);
        assertThat(config.roles()).hasSize(4);
        assertThat(config.socketAddress(SocketRole.PRIMARY.other()).getAddress()).isEqualTo(LoopbackPorts.ALTERNATE);
    }

    @Test
    void singleAddressGivesOneSocket() {
        StunServerConfig config = StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY).build();

        assertThat(config.roles()).containsExactly(SocketRole.PRIMARY);
        assertThat(config.alternatePort()).isEmpty();
        assertThat(config).hasToString("primary=127.0.0.1:3478");
    }

    @Test
    void errorsNameTheSetting() throws Exception {
        assertInvalid(StunServerConfig.builder(), "primaryAddress is required");
        assertInvalid(StunServerConfig.builder().primaryAddress(InetAddress.getByName("0.0.0.0")),
                "primaryAddress must be a concrete unicast address");
        assertInvalid(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY).primaryPort(0),
                "primaryPort must be between 1 and 65535");
        assertInvalid(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY)
                .alternateAddress(LoopbackPorts.PRIMARY), "alternateAddress must differ from primaryAddress");
        assertInvalid(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY)
                .alternateAddress(InetAddress.getByName("::1")), "must be of the same IP family as primaryAddress");
        assertInvalid(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY).alternatePort(5000),
                "alternatePort is set but alternateAddress is not");
        assertInvalid(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY).primaryPort(5000)
                .alternateAddress(LoopbackPorts.ALTERNATE).alternatePort(5000), "alternatePort must differ");
        assertInvalid(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY).primaryPort(65535)
                .alternateAddress(LoopbackPorts.ALTERNATE), "alternatePort must be given when primaryPort is 65535");
        assertThatThrownBy(() -> new RateLimit(0, 1, 1)).hasMessageContaining("rateLimit.packetsPerSecond");
        assertThatThrownBy(() -> new RateLimit(1, 0, 1)).hasMessageContaining("rateLimit.burst");
        assertThatThrownBy(() -> new RateLimit(1, 1, 0)).hasMessageContaining("rateLimit.maxTrackedSources");
    }

    private static void assertInvalid(StunServerConfig.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
