package im.tandem.ice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ice4j.ice.harvest.HarvestConfig;
import org.junit.jupiter.api.Test;

/** No network traffic: these only create agents whose policy leaves them nothing to send from. */
class IceSessionTest {

    @Test
    void loadingTheSessionTurnsOffEveryExternalMappingHarvester() throws Exception {
        Class.forName(IceSession.class.getName()); // runs the static initialiser
        assertThat(HarvestConfig.config.enableAwsHarvester()).isFalse();
        assertThat(HarvestConfig.config.getStunMappingCandidateHarvesterAddresses()).isEmpty();
        assertThat(HarvestConfig.config.getStaticMappings()).isEmpty();
        assertThat(HarvestConfig.config.useLinkLocalAddresses()).isFalse();
    }

    @Test
    void theHostPolicyReachesIce4jAndAnEmptyResultFailsClearly() {
        IceConfig config = IceConfig.defaults().withAllowedInterfaces(List.of("tandem-none0"));
        assertThatThrownBy(() -> IceSession.create(config))
                .isInstanceOf(IceFailedException.class)
                .hasMessageContaining("no local candidate")
                .hasMessageContaining("tandem-none0");
        assertThat(HarvestConfig.config.getAllowedInterfaces()).containsExactly("tandem-none0");
        assertThat(HarvestConfig.config.useIpv6()).isFalse();
    }
}
