package im.tandem.openfire.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

import im.tandem.ice.stun.RateLimit;
import im.tandem.ice.stun.StunServerConfig;

class HostedStunSettingsTest {
    @Test
    void offByDefault() {
        HostedStunSettings settings = HostedStunSettings.read(Map.of(HostedStunSettings.PRIMARY, "127.0.0.1")::get);
        assertThat(settings.server()).isEmpty();
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void twoAddressesGiveTheFourSocketServer() throws Exception {
        HostedStunSettings settings = HostedStunSettings.read(Map.of(
                HostedStunSettings.ENABLED, "true",
                HostedStunSettings.PRIMARY, "127.0.0.1:3480",
                HostedStunSettings.ALTERNATE, "127.0.0.2")::get);

        StunServerConfig config = settings.server().orElseThrow();
        assertThat(config.primaryAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(config.primaryPort()).isEqualTo(3480);
        assertThat(config.alternateAddress()).contains(InetAddress.getByName("127.0.0.2"));
        assertThat(config.alternatePort()).contains(3481);
        assertThat(config.roles()).hasSize(4);
    }

    @Test
    void theRateLimitIsTheDefaultUnlessSetAndBadValuesNameTheirProperty() {
        HostedStunSettings defaults = HostedStunSettings.read(Map.of(
                HostedStunSettings.ENABLED, "true", HostedStunSettings.PRIMARY, "127.0.0.1")::get);
        assertThat(defaults.server().orElseThrow().rateLimit()).isEqualTo(RateLimit.DEFAULT);

        HostedStunSettings tuned = HostedStunSettings.read(Map.of(
                HostedStunSettings.ENABLED, "true", HostedStunSettings.PRIMARY, "127.0.0.1",
                HostedStunSettings.RATE, "100", HostedStunSettings.BURST, "300")::get);
        assertThat(tuned.server().orElseThrow().rateLimit().packetsPerSecond()).isEqualTo(100);
        assertThat(tuned.server().orElseThrow().rateLimit().burst()).isEqualTo(300);

        HostedStunSettings bad = HostedStunSettings.read(Map.of(
                HostedStunSettings.ENABLED, "true", HostedStunSettings.PRIMARY, "127.0.0.1",
                HostedStunSettings.BURST, "lots")::get);
        assertThat(bad.server()).isEmpty();
        assertThat(bad.problems()).singleElement().asString().contains(HostedStunSettings.BURST).contains("lots");
    }

    @Test
    void enabledWithoutPrimaryNamesTheMissingProperty() {
        HostedStunSettings settings = HostedStunSettings.read(Map.of(HostedStunSettings.ENABLED, "true")::get);
        assertThat(settings.server()).isEmpty();
        assertThat(settings.problems()).singleElement().asString().startsWith(HostedStunSettings.PRIMARY);
    }

    @Test
    void aHostNameIsRefusedBecauseTheServerBindsToIt() {
        HostedStunSettings settings = HostedStunSettings.read(Map.of(
                HostedStunSettings.ENABLED, "true",
                HostedStunSettings.PRIMARY, "stun.example.org")::get);
        assertThat(settings.server()).isEmpty();
        assertThat(settings.problems()).singleElement().asString()
                .contains(HostedStunSettings.PRIMARY).contains("expected an IP address");
    }
}
