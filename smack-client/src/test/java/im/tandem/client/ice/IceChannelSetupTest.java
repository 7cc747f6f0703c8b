package im.tandem.client.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.session.IceConfig;

/** Reading the peer's first transport, without gathering: nothing here touches the network. */
class IceChannelSetupTest {

    @Test
    void aTransportWithoutCredentialsIsRefused() {
        IceUdpTransport noCredentials = IceUdpTransport.builder().fingerprint(JingleSamples.fingerprint()).build();

        assertRefused(IceChannelSetup.answering(), noCredentials, "the transport has no ICE credentials (ufrag, pwd)");
    }

    @Test
    void aTransportWithoutFingerprintIsRefused() {
        IceUdpTransport noFingerprint = IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS)
                .candidate(JingleSamples.host()).build();

        assertRefused(IceChannelSetup.answering(), noFingerprint,
                "the transport has no fingerprint (XEP-0320); the channel cannot be authenticated");
    }

    @Test
    void aFingerprintTheChannelCannotCheckIsRefused() {
        IceUdpTransport sha1 = transport(new DtlsFingerprint("sha-1", DtlsSetup.ACTPASS,
                "0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:00:11:22:33"));

        assertThatThrownBy(() -> IceChannelSetup.answering().readPeer(sha1))
                .isInstanceOf(UnusableTransportException.class)
                .hasMessageContaining("sha-1");
    }

    @Test
    void anAnswerOfActpassIsRefused() {
        assertRefused(IceChannelSetup.offering(), transport(JingleSamples.fingerprint()),
                "an answer must choose setup active or passive, not actpass");
    }

    @Test
    void anOfferOfActpassIsAnswered() throws Exception {
        IceChannelSetup answering = IceChannelSetup.answering();

        answering.readPeer(transport(JingleSamples.fingerprint()));

        assertThat(answering.peerRead()).isTrue();
    }

    @Test
    void aRefusedTransportLeavesThePeerUnread() {
        IceChannelSetup offering = IceChannelSetup.offering();

        assertRefused(offering, transport(JingleSamples.fingerprint()),
                "an answer must choose setup active or passive, not actpass");

        assertThat(offering.peerRead()).isFalse();
    }

    @Test
    void thePeersFirstTransportIsReadOnce() throws Exception {
        IceChannelSetup answering = IceChannelSetup.answering();
        answering.readPeer(transport(JingleSamples.fingerprint()));

        assertThatThrownBy(() -> answering.readPeer(transport(JingleSamples.fingerprint())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAnswerIsNotGatheredBeforeTheOfferIsRead() {
        assertThatThrownBy(() -> IceChannelSetup.answering().gather(IceConfig.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an answer is gathered after the offer is read");
    }

    private static IceUdpTransport transport(DtlsFingerprint fingerprint) {
        return IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS).fingerprint(fingerprint)
                .candidate(JingleSamples.host()).build();
    }

    private static void assertRefused(IceChannelSetup setup, IceUdpTransport transport, String message) {
        assertThatThrownBy(() -> setup.readPeer(transport))
                .isInstanceOf(UnusableTransportException.class)
                .hasMessage(message);
    }
}
