package im.tandem.openfire.extdisco;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RendezvousSettingsTest {
    @Test
    void nothingConfiguredOffersNothing() {
        RendezvousSettings settings = RendezvousSettings.read(Map.<String, String>of()::get);
        assertThat(settings.stun()).isEmpty();
        assertThat(settings.turn()).isEmpty();
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void aFullConfigurationIsRead() {
        RendezvousSettings settings = RendezvousSettings.read(Map.of(
                RendezvousSettings.STUN_ADVERTISED, "stun.example.org",
                RendezvousSettings.TURN_ADDRESS, "[2001:db8::1]:5349",
                RendezvousSettings.TURN_TRANSPORT, "TCP",
                RendezvousSettings.TURN_SECRET, "s3cret",
                RendezvousSettings.TURN_LIFETIME, "600")::get);

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.stun()).contains(InetSocketAddress.createUnresolved("stun.example.org", RendezvousSettings.DEFAULT_PORT));
        RendezvousSettings.Turn turn = settings.turn().orElseThrow();
        assertThat(turn.address()).isEqualTo(InetSocketAddress.createUnresolved("2001:db8::1", 5349));
        assertThat(turn.transport()).isEqualTo("tcp");
        assertThat(turn.lifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void turnWithoutSecretIsLeftOutWithAProblemNamingTheProperty() {
        RendezvousSettings settings = RendezvousSettings.read(Map.of(
                RendezvousSettings.STUN_ADVERTISED, "127.0.0.1:3478",
                RendezvousSettings.TURN_ADDRESS, "127.0.0.1:3479")::get);

        assertThat(settings.turn()).isEmpty();
        assertThat(settings.stun()).isPresent();
        assertThat(settings.problems()).singleElement().asString().contains(RendezvousSettings.TURN_SECRET);
    }

    @Test
    void badValuesNameTheirProperty() {
        RendezvousSettings settings = RendezvousSettings.read(Map.of(
                RendezvousSettings.STUN_ADVERTISED, "host:notaport",
                RendezvousSettings.TURN_ADDRESS, "turn.example.org",
                RendezvousSettings.TURN_SECRET, "s",
                RendezvousSettings.TURN_LIFETIME, "10")::get);

        assertThat(settings.stun()).isEmpty();
        assertThat(settings.turn()).isEmpty();
        assertThat(settings.problems()).hasSize(2);
        assertThat(settings.problems().get(0)).startsWith(RendezvousSettings.STUN_ADVERTISED).contains("notaport");
        assertThat(settings.problems().get(1)).startsWith(RendezvousSettings.TURN_LIFETIME).contains("between 60");
    }

    @Test
    void theDirectoryIssuesTurnCredentialsForTheAskingUserAndFiltersByType() {
        RendezvousSettings settings = RendezvousSettings.read(Map.of(
                RendezvousSettings.STUN_ADVERTISED, "127.0.0.1",
                RendezvousSettings.TURN_ADDRESS, "127.0.0.1:3479",
                RendezvousSettings.TURN_SECRET, "s3cret")::get);
        ServiceDirectory directory = new ServiceDirectory(
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC), Optional::empty);

        assertThat(directory.services(settings, "alice", Optional.empty()))
                .extracting(AdvertisedService::type).containsExactly("stun", "turn");
        AdvertisedService turn = directory.services(settings, "alice", Optional.of("turn")).get(0);
        assertThat(turn.credentials().orElseThrow().username()).isEqualTo("1700086400:alice");
        assertThat(directory.services(settings, "alice", Optional.of("stun")).get(0).credentials()).isEmpty();
        assertThat(directory.service(settings, "alice", "turn", "127.0.0.1")).isPresent();
        assertThat(directory.service(settings, "alice", "turn", "elsewhere.example")).isEmpty();
    }

    @Test
    void theHostedStunServerIsAdvertisedUnlessAnotherIsConfigured() {
        InetSocketAddress hosted = new InetSocketAddress("127.0.0.1", 3480);
        ServiceDirectory directory = new ServiceDirectory(Clock.systemUTC(), () -> Optional.of(hosted));

        RendezvousSettings none = RendezvousSettings.read(Map.<String, String>of()::get);
        assertThat(directory.services(none, "alice", Optional.empty())).singleElement()
                .satisfies(stun -> assertThat(stun.port()).isEqualTo(3480));

        RendezvousSettings other = RendezvousSettings.read(Map.of(RendezvousSettings.STUN_ADVERTISED, "stun.example.org")::get);
        assertThat(directory.services(other, "alice", Optional.empty())).singleElement()
                .satisfies(stun -> assertThat(stun.host()).isEqualTo("stun.example.org"));
    }
}
