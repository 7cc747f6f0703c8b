package im.tandem.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.ice4j.security.LongTermCredential;
import org.ice4j.security.LongTermCredentialSession;
import org.junit.jupiter.api.Test;

class MessageIntegrityTest {

    /** RFC 5769 2.1: a binding request with short-term credentials, its HMAC made with this password. */
    private static final byte[] RFC5769_REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e20746573742063"
            + "6c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68"
            + "36765920202000080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2" + "80280004e57a3bcf");
    private static final String RFC5769_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

    @Test
    void theRfc5769SampleRequestVerifiesWithItsPasswordOnly() throws Exception {
        StunCodec.decode(RFC5769_REQUEST); // well framed, FINGERPRINT correct

        assertThat(MessageIntegrity.verify(RFC5769_REQUEST, 0, RFC5769_REQUEST.length, RFC5769_PASSWORD)).isTrue();
        assertThat(MessageIntegrity.verify(RFC5769_REQUEST, 0, RFC5769_REQUEST.length, "another password")).isFalse();
    }

    @Test
    void aSealedMessageDecodesAndVerifies() throws Exception {
        StunMessage answer = new StunMessage(MessageType.BINDING_SUCCESS, TransactionId.random(),
                List.of(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, new InetSocketAddress("192.0.2.1", 32853))));

        byte[] sealed = MessageIntegrity.seal(StunCodec.encode(answer), "secret");

        StunMessage decoded = StunCodec.decode(sealed);
        assertThat(decoded.fingerprint()).isTrue();
        assertThat(decoded.mappedAddress()).contains(new InetSocketAddress("192.0.2.1", 32853));
        assertThat(MessageIntegrity.verify(sealed, 0, sealed.length, "secret")).isTrue();
        assertThat(MessageIntegrity.verify(sealed, 0, sealed.length, "Secret")).isFalse();
    }

    @Test
    void anyChangedByteBeforeTheIntegrityFailsItButTheLengthWhichTheCheckSetsItself() {
        byte[] sealed = MessageIntegrity.seal(StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST,
                TransactionId.random(), List.of(new UnrecognisedAttribute(AttributeType.USERNAME,
                        "a:b".getBytes(java.nio.charset.StandardCharsets.UTF_8))))), "secret");
        int integrityAt = sealed.length - 8 - 24;

        for (int i = 0; i < integrityAt; i++) {
            if (i == 2 || i == 3) {
                continue; // the length field: the HMAC covers the length up to the integrity attribute instead
            }
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertThat(MessageIntegrity.verify(changed, 0, changed.length, "secret")).as("byte %d changed", i)
                    .isFalse();
        }
    }

    @Test
    void aMessageWithoutIntegrityDoesNotVerify() {
        byte[] plain = StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(),
                List.of()));

        assertThat(MessageIntegrity.verify(plain, 0, plain.length, "secret")).isFalse();
    }

    @Test
    void theLongTermKeyIsMd5OfUsernameRealmAndPasswordAsIce4jMakesIt() {
        byte[] key = MessageIntegrity.longTermKey("alice", "lab.example", "secret");

        assertThat(HexFormat.of().formatHex(key)).isEqualTo("01cbdee43ab5973617e706b3757fbf6d");
        assertThat(key).isEqualTo(new LongTermCredentialSession(new LongTermCredential("alice", "secret"),
                "lab.example".getBytes(StandardCharsets.UTF_8)).getLocalKey("alice"));
    }

    @Test
    void aMessageSealedWithALongTermKeyVerifiesWithThatKeyOnly() throws Exception {
        StunMessage refresh = new StunMessage(new MessageType(MessageType.METHOD_REFRESH, MessageClass.REQUEST),
                TransactionId.random(), List.of(new UnrecognisedAttribute(AttributeType.LIFETIME, new byte[] {0, 0, 2, 88})));
        byte[] key = MessageIntegrity.longTermKey("alice", "lab.example", "secret");

        byte[] sealed = MessageIntegrity.seal(StunCodec.encode(refresh), key);

        assertThat(StunCodec.decode(sealed).fingerprint()).isTrue();
        assertThat(MessageIntegrity.verify(sealed, 0, sealed.length, key)).isTrue();
        assertThat(MessageIntegrity.verify(sealed, 0, sealed.length,
                MessageIntegrity.longTermKey("alice", "lab.example", "Secret"))).isFalse();
    }
}
