package im.tandem.client.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpCandidateType;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.provider.IceUdpTransportProvider;
import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.channel.Fingerprint;
import im.tandem.ice.session.CandidateType;
import im.tandem.ice.session.IceCandidate;
import im.tandem.ice.session.LocalDescription;

/** ice-bridge's descriptions to XEP-0176/XEP-0320 elements and back, through the XML the peer would see. */
class IceUdpConversionTest {
    private static final IceCandidate HOST = new IceCandidate("1", 1, "udp", 2130706431L, "198.51.100.2", 50000,
            CandidateType.HOST, null, 0, 0);
    private static final IceCandidate SRFLX = new IceCandidate("2", 1, "udp", 1694498815L, "203.0.113.9", 61000,
            CandidateType.SRFLX, "198.51.100.2", 50000, 0);
    private static final IceCandidate RELAY = new IceCandidate("3", 1, "udp", 16777215L, "192.0.2.44", 49152,
            CandidateType.RELAY, "203.0.113.9", 61000, 1);
    private static final LocalDescription LOCAL = new LocalDescription("u9Xz", "0123456789abcdefghijKL",
            List.of(HOST, SRFLX, RELAY));

    @Test
    void ourDescriptionSurvivesTheWireUnchanged() throws Exception {
        Fingerprint fingerprint = ChannelIdentity.generate().fingerprint();

        IceUdpTransport sent = IceUdpConversion.toTransport(LOCAL, fingerprint, DtlsSetup.ACTPASS);
        IceUdpTransport received = new IceUdpTransportProvider().parse(
                JingleSamples.parserFor(sent.toXML().toString()));

        assertThat(received.credentials()).hasValueSatisfying(credentials -> {
            assertThat(credentials.ufrag()).isEqualTo("u9Xz");
            assertThat(credentials.pwd()).isEqualTo("0123456789abcdefghijKL");
        });
        assertThat(IceUdpConversion.candidates(received)).containsExactly(HOST, SRFLX, RELAY);
        assertThat(received.fingerprint()).hasValueSatisfying(element -> {
            assertThat(element.setup()).isEqualTo(DtlsSetup.ACTPASS);
            assertThat(IceUdpConversion.fingerprint(element)).isEqualTo(fingerprint);
        });
    }

    @Test
    void candidatesGetXep0176TypesDistinctIdsAndTheirRelatedAddress() {
        IceUdpTransport sent = IceUdpConversion.toTransport(LOCAL, ChannelIdentity.generate().fingerprint(),
                DtlsSetup.ACTIVE);

        assertThat(sent.candidates()).extracting(IceUdpCandidate::type)
                .containsExactly(IceUdpCandidateType.HOST, IceUdpCandidateType.SERVER_REFLEXIVE,
                        IceUdpCandidateType.RELAYED);
        assertThat(sent.candidates()).extracting(candidate -> candidate.id().orElseThrow()).doesNotHaveDuplicates();
        assertThat(sent.candidates().get(1).related()).hasValueSatisfying(related -> {
            assertThat(related.getAddress().getHostAddress()).isEqualTo("198.51.100.2");
            assertThat(related.getPort()).isEqualTo(50000);
        });
        assertThat(sent.candidates().get(2).generation()).isEqualTo(1);
    }

    @Test
    void aReflexiveCandidateWithoutRelatedAddressHidesItAsRfc8839Allows() {
        IceCandidate bare = new IceCandidate("4", 1, "udp", 1694498815L, "203.0.113.9", 61001,
                CandidateType.SRFLX, null, 0, 0);

        IceUdpCandidate element = IceUdpConversion.toElement(bare, "c9");

        assertThat(element.related()).contains(IceUdpConversion.HIDDEN_RELATED);
        assertThat(IceUdpConversion.fromElement(element).relatedAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void peerReflexiveCandidatesAreUnderstood() {
        IceUdpCandidate element = IceUdpCandidate.builder().component(1).foundation("7").ip("203.0.113.5")
                .port(40000).priority(1853824767L).type(IceUdpCandidateType.PEER_REFLEXIVE).related("192.0.2.1", 4000)
                .build();

        IceCandidate candidate = IceUdpConversion.fromElement(element);

        assertThat(candidate.type()).isEqualTo(CandidateType.PRFLX);
        assertThat(candidate.relatedAddress()).isEqualTo("192.0.2.1");
        assertThat(candidate.relatedPort()).isEqualTo(4000);
    }

    @Test
    void aFingerprintWithAHashTheChannelDoesNotAcceptIsRefused() {
        DtlsFingerprint sha1 = new DtlsFingerprint("sha-1", DtlsSetup.ACTPASS,
                "0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:00:11:22:33");

        assertThatThrownBy(() -> IceUdpConversion.fingerprint(sha1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha-256");
    }
}
