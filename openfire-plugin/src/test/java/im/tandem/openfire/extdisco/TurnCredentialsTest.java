package im.tandem.openfire.extdisco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TurnCredentialsTest {
    @Test
    void usernameIsExpiryColonUserAndPasswordIsTheBase64HmacSha1OfIt() {
        AdvertisedService.Credentials credentials = TurnCredentials.issue("alice", "s3cret",
                Instant.ofEpochSecond(1_700_000_000L), Duration.ofHours(24));

        assertThat(credentials.username()).isEqualTo("1700086400:alice");
        assertThat(credentials.expires()).isEqualTo(Instant.ofEpochSecond(1_700_086_400L));
        // Computed independently: base64(hmac_sha1(b"s3cret", b"1700086400:alice")) with Python's hmac module.
        assertThat(credentials.password()).isEqualTo("HJX0XIkrCiQCuU88Z0oeXj+QW60=");
    }

    @Test
    void anotherSecretGivesAnotherPassword() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(TurnCredentials.issue("alice", "other", now, Duration.ofHours(24)).password())
                .isNotEqualTo(TurnCredentials.issue("alice", "s3cret", now, Duration.ofHours(24)).password());
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> TurnCredentials.issue("alice", "", Instant.EPOCH, Duration.ofHours(1)))
                .hasMessageContaining("secret is empty");
    }
}
