package im.tandem.client.jingle;

import java.io.IOException;

import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceCredentials;
import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpCandidateType;
import im.tandem.client.jingle.element.IceUdpTransport;

/** Valid sample elements and a parser helper shared by the Jingle unit tests. Addresses are documentation ranges. */
public final class JingleSamples {
    /** A SHA-256 digest: 32 bytes as hex pairs. */
    public static final String SHA256_HEX =
            "0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
    public static final IceCredentials CREDENTIALS = new IceCredentials("Ab3+", "0123456789abcdefghij+/");

    private JingleSamples() {
    }

    public static IceUdpCandidate host() {
        return IceUdpCandidate.builder().component(1).foundation("1").generation(0).id("c1").ip("192.0.2.10")
                .network(0).port(50000).priority(2130706431L).type(IceUdpCandidateType.HOST).build();
    }

    public static IceUdpCandidate serverReflexive() {
        return IceUdpCandidate.builder().component(1).foundation("2").generation(0).id("c2").ip("203.0.113.7")
                .network(1).port(61000).priority(1694498815L).type(IceUdpCandidateType.SERVER_REFLEXIVE)
                .related("192.0.2.10", 50000).build();
    }

    public static IceUdpCandidate ipv6Host() {
        return IceUdpCandidate.builder().component(1).foundation("3").id("c3").ip("2001:db8::9:1").port(50002)
                .priority(2130706430L).type(IceUdpCandidateType.HOST).build();
    }

    public static DtlsFingerprint fingerprint() {
        return new DtlsFingerprint("sha-256", DtlsSetup.ACTPASS, SHA256_HEX);
    }

    public static IceUdpTransport transport() {
        return IceUdpTransport.builder().credentials(CREDENTIALS).fingerprint(fingerprint())
                .candidate(host()).candidate(serverReflexive()).candidate(ipv6Host()).build();
    }

    /** A parser positioned on the first start tag of {@code xml}, as providers expect. */
    public static XmlPullParser parserFor(String xml) throws XmlPullParserException, IOException {
        return PacketParserUtils.getParserFor(xml);
    }
}
