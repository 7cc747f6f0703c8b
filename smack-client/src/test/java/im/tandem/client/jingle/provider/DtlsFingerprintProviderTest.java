package im.tandem.client.jingle.provider;

import static im.tandem.client.jingle.JingleSamples.SHA256_HEX;
import static im.tandem.client.jingle.JingleSamples.parserFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;

class DtlsFingerprintProviderTest {
    private static final String NS = " xmlns='" + DtlsFingerprint.NAMESPACE + "'";

    @Test
    void survivesARoundTrip() throws Exception {
        DtlsFingerprint fingerprint = JingleSamples.fingerprint();
        assertThat(parse(fingerprint.toXML().toString())).isEqualTo(fingerprint);
    }

    @Test
    void acceptsSurroundingWhitespaceLowerCaseHexAndUpperCaseHashNames() throws Exception {
        DtlsFingerprint fingerprint = parse("<fingerprint" + NS + " hash='SHA-256' setup='active'>\n    "
                + SHA256_HEX.toLowerCase() + "\n  </fingerprint>");
        assertThat(fingerprint.hash()).isEqualTo("sha-256");
        assertThat(fingerprint.setup()).isEqualTo(DtlsSetup.ACTIVE);
        assertThat(fingerprint.value()).isEqualTo(SHA256_HEX);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hash='md5' setup='actpass'     | 0F:1E | 'hash' must be one of [sha-1, sha-224, sha-256, sha-384, sha-512], got 'md5'",
        "hash='whirlpool' setup='actpass' | 0F:1E | got 'whirlpool'",
        "setup='actpass'                | 0F:1E | <fingerprint/> attribute 'hash' is missing",
        "hash='sha-256'                 | 0F:1E | <fingerprint/> attribute 'setup' is missing",
        "hash='sha-256' setup='holdconn'| 0F:1E | 'setup' must be active, passive or actpass, got 'holdconn'",
        "hash='sha-1' setup='passive'   | 0F:1E | a sha-1 fingerprint has 20 bytes, got 2",
        "hash='sha-1' setup='passive'   | 0F1E  | colon-separated hex pairs",
        "hash='sha-1' setup='passive'   | 0F:1G | colon-separated hex pairs",
        "hash='sha-1' setup='passive'   | 0F:1  | colon-separated hex pairs",
        "hash='sha-1' setup='passive'   |       | colon-separated hex pairs",
    })
    void refusesAMalformedFingerprint(String attributes, String value, String message) {
        String xml = "<fingerprint" + NS + " " + attributes + ">" + (value == null ? "" : value) + "</fingerprint>";
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(JingleParseException.class).hasMessageContaining(message);
    }

    @Test
    void refusesElementsInsideTheValue() {
        assertThatThrownBy(() -> parse("<fingerprint" + NS + " hash='sha-256' setup='active'>0F<b/>1E</fingerprint>"))
                .isInstanceOf(JingleParseException.class).hasMessageContaining("may contain text only, found <b/>");
    }

    private static DtlsFingerprint parse(String xml) throws Exception {
        return DtlsFingerprintProvider.INSTANCE.parse(parserFor(xml));
    }
}
