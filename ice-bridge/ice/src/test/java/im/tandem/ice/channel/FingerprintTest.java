package im.tandem.ice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void roundTripsThroughTheSignallingForm() {
        Fingerprint fingerprint = ChannelIdentity.generate().fingerprint();
        assertThat(fingerprint.algorithm()).isEqualTo("sha-256");
        assertThat(fingerprint.value()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Fingerprint.parse("SHA-256", fingerprint.value().toLowerCase())).isEqualTo(fingerprint);
    }

    @Test
    void matchesOnlyItsOwnCertificate() {
        ChannelIdentity one = ChannelIdentity.generate();
        ChannelIdentity other = ChannelIdentity.generate();
        assertThat(one.fingerprint().matches(one.certificate())).isTrue();
        assertThat(one.fingerprint().matches(other.certificate())).isFalse();
    }

    @Test
    void rejectsOtherHashesAndMalformedValues() {
        String valid = ChannelIdentity.generate().fingerprint().value();
        assertThatThrownBy(() -> Fingerprint.parse("sha-1", valid)).hasMessageContaining("only sha-256");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256", "AB:CD")).hasMessageContaining("has 2");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256", "not hex")).hasMessageContaining("not colon-separated");
    }

    @Test
    void generatedCertificatesAreValidSelfSignedX509() throws Exception {
        ChannelIdentity identity = ChannelIdentity.generate();
        identity.certificate().checkValidity();
        identity.certificate().verify(identity.certificate().getPublicKey());
        assertThat(identity.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=tandem");
    }
}
