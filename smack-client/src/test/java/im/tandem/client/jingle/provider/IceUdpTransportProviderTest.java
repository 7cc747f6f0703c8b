package im.tandem.client.jingle.provider;

import static im.tandem.client.jingle.JingleSamples.parserFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.IceUdpTransport;

class IceUdpTransportProviderTest {
    private static final String NS = " xmlns='" + IceUdpTransport.NAMESPACE + "'";
    private static final String HOST = JingleSamples.host().toXML().toString();
    private static final String CREDENTIALS = "ufrag='Ab3+' pwd='0123456789abcdefghij+/'";

    @Test
    void aFullTransportSurvivesARoundTrip() throws Exception {
        IceUdpTransport transport = JingleSamples.transport();
        IceUdpTransport parsed = parse(transport.toXML().toString());
        assertThat(parsed).isEqualTo(transport);
        assertThat(parsed.credentials()).contains(JingleSamples.CREDENTIALS);
        assertThat(parsed.fingerprint()).contains(JingleSamples.fingerprint());
        assertThat(parsed.candidates()).containsExactly(JingleSamples.host(), JingleSamples.serverReflexive(),
                JingleSamples.ipv6Host());
    }

    @Test
    void anEmptyTransportSurvivesARoundTrip() throws Exception {
        IceUdpTransport empty = IceUdpTransport.builder().build();
        assertThat(empty.toXML().toString()).isEqualTo("<transport" + NS + "/>");
        assertThat(parse(empty.toXML().toString())).isEqualTo(empty);
    }

    @Test
    void skipsRemoteCandidatesAndForeignExtensions() throws Exception {
        IceUdpTransport parsed = parse("<transport" + NS + " " + CREDENTIALS + ">"
                + "<remote-candidate component='1' ip='192.0.2.1' port='3478'/>"
                + "<future xmlns='urn:example:future'><deep/></future>" + HOST + "</transport>");
        assertThat(parsed.candidates()).containsExactly(JingleSamples.host());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "ufrag='Ab3+'                          | 'ufrag' and 'pwd' come together, got only 'ufrag'",
        "pwd='0123456789abcdefghij+/'          | 'ufrag' and 'pwd' come together, got only 'pwd'",
        "ufrag='Ab3' pwd='0123456789abcdefghij+/' | 'ufrag' must be 4 to 256 characters long, got 3",
        "ufrag='Ab:3' pwd='0123456789abcdefghij+/' | 'ufrag' may only contain letters, digits, '+' and '/'",
        "ufrag='Ab3+' pwd='short'              | 'pwd' must be 22 to 256 characters long, got 5",
        "''                                    | a transport with candidates needs 'ufrag' and 'pwd'",
    })
    void refusesBadCredentials(String attributes, String message) {
        String xml = "<transport" + NS + " " + attributes + ">" + HOST + "</transport>";
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(JingleParseException.class).hasMessageContaining(message);
    }

    @Test
    void refusesTwoFingerprints() {
        String fingerprint = JingleSamples.fingerprint().toXML().toString();
        assertThatThrownBy(() -> parse("<transport" + NS + ">" + fingerprint + fingerprint + "</transport>"))
                .isInstanceOf(JingleParseException.class).hasMessageContaining("one <fingerprint/>, got more");
    }

    @Test
    void refusesUnknownElementsInItsOwnNamespace() {
        assertThatThrownBy(() -> parse("<transport" + NS + "><candidat/></transport>"))
                .isInstanceOf(JingleParseException.class).hasMessageContaining("has no <candidat/> element");
    }

    @Test
    void reportsTheBadCandidateInside() {
        String badPort = HOST.replace("port='50000'", "port='99999'");
        assertThatThrownBy(() -> parse("<transport" + NS + " " + CREDENTIALS + ">" + badPort + "</transport>"))
                .isInstanceOf(JingleParseException.class).hasMessageContaining("'port' must be 1 to 65535, got 99999");
    }

    @Test
    void refusesABadFingerprintInside() {
        String md5 = "<fingerprint xmlns='" + DtlsFingerprint.NAMESPACE + "' hash='md5' setup='actpass'>0F</fingerprint>";
        assertThatThrownBy(() -> parse("<transport" + NS + ">" + md5 + "</transport>"))
                .isInstanceOf(JingleParseException.class).hasMessageContaining("got 'md5'");
    }

    private static IceUdpTransport parse(String xml) throws Exception {
        return IceUdpTransportProvider.INSTANCE.parse(parserFor(xml));
    }
}
