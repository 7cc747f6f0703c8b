package im.tandem.ice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceConfigTest {

    @Test
    void defaultsAreIpv4OnlyWithTenSecondLimits() {
        IceConfig config = IceConfig.defaults();
        assertThat(config.useIpv6()).isFalse();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.pathTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.stunServers()).isEmpty();
    }

    @Test
    void rejectsAllowedAndBlockedInterfacesTogether() {
        assertThatThrownBy(() -> IceConfig.defaults().withAllowedInterfaces(List.of("eth0"))
                .withBlockedInterfaces(List.of("eth1")))
                .hasMessageContaining("allowedInterfaces or blockedInterfaces");
    }

    @Test
    void rejectsNamesWhereAddressesBelong() {
        assertThatThrownBy(() -> IceConfig.defaults().withAllowedAddresses(List.of("example.org")))
                .hasMessageContaining("allowedAddresses entry must be a numeric IP address");
        assertThatThrownBy(() -> IceConfig.defaults().withStunServers(
                List.of(InetSocketAddress.createUnresolved("stun.example.org", 3478))))
                .hasMessageContaining("stun server address must be a numeric address");
    }

    @Test
    void rejectsNonPositiveTimeoutsAndAPathTimeoutShorterThanTwoConsentChecks() {
        assertThatThrownBy(() -> IceConfig.defaults().withConnectTimeout(Duration.ZERO))
                .hasMessageContaining("connectTimeout must be positive");
        assertThatThrownBy(() -> IceConfig.defaults().withPathTimeout(Duration.ofSeconds(1)))
                .hasMessageContaining("pathTimeout");
    }

    @Test
    void turnServerNeedsCredentialsAndNeverPrintsThePassword() {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 3478);
        assertThatThrownBy(() -> new TurnServer(address, "", "secret")).hasMessageContaining("username");
        assertThat(new TurnServer(address, "alice", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void candidateFieldsAreValidated() {
        IceCandidate good = new IceCandidate("1", 1, "UDP", 2130706431L, "192.0.2.1", 5000, CandidateType.HOST,
                null, 0, 0);
        assertThat(good.protocol()).isEqualTo("udp");
        assertThatThrownBy(() -> new IceCandidate("1", 1, "tcp", 1, "192.0.2.1", 5000, CandidateType.HOST, null, 0,
                0)).hasMessageContaining("protocol must be udp");
        assertThatThrownBy(() -> new IceCandidate("1", 1, "udp", 1, "host.example", 5000, CandidateType.HOST, null,
                0, 0)).hasMessageContaining("candidate ip must be a numeric IP address");
        assertThatThrownBy(() -> new IceCandidate("1", 1, "udp", 1, "192.0.2.1", 0, CandidateType.HOST, null, 0, 0))
                .hasMessageContaining("candidate port must be 1-65535");
        assertThat(CandidateType.fromWireName("srflx")).isEqualTo(CandidateType.SRFLX);
        assertThatThrownBy(() -> CandidateType.fromWireName("stun")).hasMessageContaining("srflx");
    }

    @Test
    void pathTypeIsTheLeastDirectEnd() {
        assertThat(PathType.of(CandidateType.HOST, CandidateType.HOST)).isEqualTo(PathType.HOST);
        assertThat(PathType.of(CandidateType.HOST, CandidateType.PRFLX)).isEqualTo(PathType.SRFLX);
        assertThat(PathType.of(CandidateType.SRFLX, CandidateType.RELAY)).isEqualTo(PathType.RELAY);
    }
}
