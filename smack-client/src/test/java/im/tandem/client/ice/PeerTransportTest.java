package im.tandem.client.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.Fingerprint;

/** Reading the peer's offer or answer: what it must carry, and the setup and TLS role it leaves us. */
class PeerTransportTest {

    @Test
    void aTransportWithoutCredentialsIsRefused() {
        IceUdpTransport noCredentials = IceUdpTransport.builder().fingerprint(JingleSamples.fingerprint()).build();

        assertRefused(noCredentials, DtlsRoles.Side.ANSWERER, "the transport has no ICE credentials (ufrag, pwd)");
    }

    @Test
    void aTransportWithoutFingerprintIsRefused() {
        IceUdpTransport noFingerprint = IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS)
                .candidate(JingleSamples.host()).build();

        assertRefused(noFingerprint, DtlsRoles.Side.ANSWERER,
                "the transport has no fingerprint (XEP-0320); the channel cannot be authenticated");
    }

    @Test
    void aFingerprintTheChannelCannotCheckIsRefused() {
        IceUdpTransport sha1 = transport(new DtlsFingerprint("sha-1", DtlsSetup.ACTPASS,
                "0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:00:11:22:33"));

        assertThatThrownBy(() -> PeerTransport.read(sha1, DtlsRoles.Side.ANSWERER))
                .isInstanceOf(UnusableTransportException.class)
                .hasMessageContaining("'sha-1' is not supported");
    }

    @Test
    void anAnswerOfActpassIsRefused() {
        assertRefused(transport(DtlsSetup.ACTPASS), DtlsRoles.Side.OFFERER,
                "an answer must choose setup active or passive, not actpass");
    }

    @Test
    void theCredentialsAndFingerprintAreThePeers() throws Exception {
        PeerTransport peer = PeerTransport.read(transport(DtlsSetup.ACTPASS), DtlsRoles.Side.ANSWERER);

        assertThat(peer.credentials()).isEqualTo(JingleSamples.CREDENTIALS);
        assertThat(peer.fingerprint()).isEqualTo(Fingerprint.parse("sha-256", JingleSamples.SHA256_HEX));
    }

    @ParameterizedTest
    @CsvSource({
        "ACTPASS, ACTIVE,  CLIENT",
        "PASSIVE, ACTIVE,  CLIENT",
        "ACTIVE,  PASSIVE, SERVER",
    })
    void anAnswererTakesTheRoleTheOfferLeaves(DtlsSetup offered, DtlsSetup ours, Channel.Role role)
            throws Exception {
        PeerTransport peer = PeerTransport.read(transport(offered), DtlsRoles.Side.ANSWERER);

        assertThat(peer.ourSetup()).isEqualTo(ours);
        assertThat(peer.channelRole()).isEqualTo(role);
    }

    @ParameterizedTest
    @CsvSource({
        "ACTIVE,  SERVER",
        "PASSIVE, CLIENT",
    })
    void anOffererTakesTheRoleTheAnswerLeaves(DtlsSetup answered, Channel.Role role) throws Exception {
        PeerTransport peer = PeerTransport.read(transport(answered), DtlsRoles.Side.OFFERER);

        assertThat(peer.ourSetup()).isEqualTo(DtlsSetup.ACTPASS);
        assertThat(peer.channelRole()).isEqualTo(role);
    }

    private static IceUdpTransport transport(DtlsSetup setup) {
        return transport(new DtlsFingerprint("sha-256", setup, JingleSamples.SHA256_HEX));
    }

    private static IceUdpTransport transport(DtlsFingerprint fingerprint) {
        return IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS).fingerprint(fingerprint)
                .candidate(JingleSamples.host()).build();
    }

    private static void assertRefused(IceUdpTransport transport, DtlsRoles.Side ourSide, String message) {
        assertThatThrownBy(() -> PeerTransport.read(transport, ourSide))
                .isInstanceOf(UnusableTransportException.class)
                .hasMessage(message);
    }
}
