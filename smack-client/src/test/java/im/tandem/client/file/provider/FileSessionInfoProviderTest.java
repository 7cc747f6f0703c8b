package im.tandem.client.file.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.element.FileSessionInfo;
import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.provider.JingleParseException;

class FileSessionInfoProviderTest {
    private static final String NS = "urn:xmpp:jingle:apps:file-transfer:5";

    @Test
    void readsAChecksum() throws Exception {
        FileSessionInfo info = parse("<checksum xmlns='" + NS + "' creator='initiator' name='a-file-offer'><file>"
                + "<hash xmlns='urn:xmpp:hashes:2' algo='sha-1'>w0mcJylzCn+AfvuGdqkty2+KP48=</hash></file></checksum>");

        assertThat(info).isInstanceOfSatisfying(FileSessionInfo.Checksum.class, checksum -> {
            assertThat(checksum.creator()).isEqualTo(JingleContent.Creator.initiator);
            assertThat(checksum.name()).isEqualTo("a-file-offer");
            assertThat(checksum.file().hashes()).containsExactly(FileHash.of("sha-1",
                    Base64.getDecoder().decode("w0mcJylzCn+AfvuGdqkty2+KP48=")));
        });
    }

    @Test
    void readsAReceipt() throws Exception {
        assertThat(parse("<received xmlns='" + NS + "' creator='initiator' name='a-file-offer'/>"))
                .isEqualTo(new FileSessionInfo.Received(JingleContent.Creator.initiator, "a-file-offer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<received xmlns='" + NS + "' name='x'/>",
        "<received xmlns='" + NS + "' creator='someone' name='x'/>",
        "<checksum xmlns='" + NS + "' creator='initiator' name='x'/>",
        "<checksum xmlns='" + NS + "' creator='initiator' name='x'><file><hash xmlns='urn:xmpp:hashes:2'"
                + " algo='sha-256'/></file></checksum>",
        "<abort xmlns='" + NS + "' creator='initiator' name='x'/>"
    })
    void refusesMalformedPayloads(String xml) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(JingleParseException.class);
    }

    private static FileSessionInfo parse(String xml) throws Exception {
        return FileSessionInfoProvider.INSTANCE.parse(JingleSamples.parserFor(xml));
    }
}
