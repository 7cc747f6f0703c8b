package im.tandem.client.file.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.element.FileRange;
import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.provider.JingleParseException;

class FileDescriptionProviderTest {
    private static final String NS = "urn:xmpp:jingle:apps:file-transfer:5";
    private static final byte[] DIGEST = new byte[32];

    static {
        for (int i = 0; i < DIGEST.length; i++) {
            DIGEST[i] = (byte) i;
        }
    }

    @Test
    void readsXep0234sOffer() throws Exception {
        FileDescription description = parse("<description xmlns='" + NS + "'><file>"
                + "<date>1969-07-21T02:56:15Z</date><desc>This is a test.</desc><media-type>text/plain</media-type>"
                + "<name>test.txt</name><range/><size>6144</size>"
                + "<hash xmlns='urn:xmpp:hashes:2' algo='sha-1'>w0mcJylzCn+AfvuGdqkty2+KP48=</hash>"
                + "</file></description>");

        FileInfo file = description.file();
        assertThat(file.name()).contains("test.txt");
        assertThat(file.size()).hasValue(6144);
        assertThat(file.mediaType()).contains("text/plain");
        assertThat(file.description()).contains("This is a test.");
        assertThat(file.date()).contains(Instant.parse("1969-07-21T02:56:15Z"));
        assertThat(file.range()).contains(new FileRange(0, OptionalLong.empty()));
        assertThat(file.hashes()).containsExactly(FileHash.of("sha-1",
                Base64.getDecoder().decode("w0mcJylzCn+AfvuGdqkty2+KP48=")));
    }

    @Test
    void anEmptyHashAnnouncesTheAlgorithmOnlyAndADateMayHaveAnOffset() throws Exception {
        FileInfo file = parse("<description xmlns='" + NS + "'><file><date>2015-07-26T21:46:00+01:00</date>"
                + "<size>0</size><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'/></file></description>").file();

        assertThat(file.hashes()).containsExactly(FileHash.announced("sha-256"));
        assertThat(file.hashes().get(0).value()).isEmpty();
        assertThat(file.date()).contains(Instant.parse("2015-07-26T20:46:00Z"));
        assertThat(file.size()).hasValue(0);
    }

    @Test
    void metadataInOtherNamespacesIsSkipped() throws Exception {
        FileInfo file = parse("<description xmlns='" + NS + "'><file><name>a.png</name>"
                + "<thumbnail xmlns='urn:xmpp:thumbs:1' uri='cid:x' media-type='image/png'/>"
                + "<hash-used xmlns='urn:xmpp:hashes:2'><hash algo='sha-256'/></hash-used>"
                + "</file></description>").file();

        assertThat(file.name()).contains("a.png");
        assertThat(file.hashes()).isEmpty();
    }

    @Test
    void whatWeWriteReadsBackTheSame() throws Exception {
        FileDescription written = new FileDescription(FileInfo.builder().name("report <final>.pdf").size(12345)
                .mediaType("application/pdf").date(Instant.parse("2024-05-01T10:00:00Z"))
                .hash(FileHash.of(FileHash.SHA_256, DIGEST)).build());

        String xml = written.toXML(XmlEnvironment.EMPTY).toString();

        assertThat(parse(xml)).isEqualTo(written);
        assertThat(xml).contains("<hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<file><name>a</name><name>b</name></file>",
        "<file><size>-1</size></file>",
        "<file><size>12a</size></file>",
        "<file><date>yesterday</date></file>",
        "<file><hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>not base64!</hash></file>",
        "<file><hash xmlns='urn:xmpp:hashes:2'>AAAA</hash></file>",
        "<file><colour>blue</colour></file>",
        "<file><range offset='x'/></file>",
        "<file/><file/>",
        "",
        "<other/>"
    })
    void refusesWhatTheSchemaDoesNotAllow(String content) {
        assertThatThrownBy(() -> parse("<description xmlns='" + NS + "'>" + content + "</description>"))
                .isInstanceOf(JingleParseException.class);
    }

    private static FileDescription parse(String xml) throws Exception {
        return FileDescriptionProvider.INSTANCE.parse(JingleSamples.parserFor(xml));
    }
}
