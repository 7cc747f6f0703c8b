package im.tandem.ice.stun;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ChangeRequestAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StunCodecTest {
    private static final InetSocketAddress V4 = new InetSocketAddress(ip("192.0.2.1"), 32853);
    private static final InetSocketAddress V6 = new InetSocketAddress(ip("2001:db8:1234:5678:11:2233:4455:6677"), 32853);

    @Test
    void roundTripsEveryModelledAttributeWithFingerprint() throws Exception {
        StunMessage message = new StunMessage(MessageType.BINDING_ERROR, TransactionId.random(), List.of(
                new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, V4),
                new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, V6),
                new AddressAttribute(AttributeType.MAPPED_ADDRESS, V6),
                new AddressAttribute(AttributeType.SOURCE_ADDRESS, V4),
                new AddressAttribute(AttributeType.CHANGED_ADDRESS, V4),
                new AddressAttribute(AttributeType.RESPONSE_ORIGIN, V4),
                new AddressAttribute(AttributeType.OTHER_ADDRESS, V6),
                new AddressAttribute(AttributeType.XOR_PEER_ADDRESS, V4),
                new AddressAttribute(AttributeType.XOR_PEER_ADDRESS, V6),
                new ChangeRequest(true, false),
                new ErrorCode(420, "Unknown Attribute"),
                new UnknownAttributes(List.of(0x0027, 0x0002, 0x0026)),
                new Software("tandem ☃"),
                new UnrecognisedAttribute(0x8055, new byte[] {1, 2, 3})), true);

        byte[] wire = StunCodec.encode(message);

        assertThat(wire.length % 4).isZero();
        assertThat(StunCodec.decode(wire)).isEqualTo(message);
    }

    @Test
    void classicTransactionKeepsAll128BitsAndIsRecognisedAsClassic() throws Exception {
        TransactionId classic = TransactionId.randomClassic();
        StunMessage message = new StunMessage(MessageType.BINDING_REQUEST, classic, List.of(ChangeRequest.NONE));

        StunMessage decoded = StunCodec.decode(StunCodec.encode(message));

        assertThat(decoded.transactionId()).isEqualTo(classic);
        assertThat(decoded.transactionId().isRfc5389()).isFalse();
        assertThat(TransactionId.random().isRfc5389()).isTrue();
    }

    @Test
    void classicUnknownAttributesListIsEvenedOutByRepetition() throws Exception {
        StunMessage message = new StunMessage(MessageType.BINDING_ERROR, TransactionId.randomClassic(),
                List.of(new UnknownAttributes(List.of(0x0003))));

        byte[] wire = StunCodec.encode(message);

        assertThat(StunCodec.decode(wire).first(UnknownAttributes.class).orElseThrow().types())
                .containsExactly(0x0003, 0x0003);
    }

    @Test
    void xorMappedAddressIsXoredWithTheCookieOnTheWire() {
        StunMessage message = new StunMessage(MessageType.BINDING_SUCCESS, TransactionId.random(),
                List.of(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, V4)));

        byte[] wire = StunCodec.encode(message);

        ByteBuffer value = ByteBuffer.wrap(wire, StunCodec.HEADER_LENGTH + 4, 8);
        assertThat(value.getShort(StunCodec.HEADER_LENGTH + 6) & 0xFFFF).isEqualTo(32853 ^ 0x2112);
        assertThat(value.getInt(StunCodec.HEADER_LENGTH + 8)).isEqualTo(0xC0000201 ^ TransactionId.MAGIC_COOKIE);
    }

    @Test
    void ice4jDecodesOurMessagesIncludingXorAddressAndFingerprint() throws Exception {
        TransactionId id = TransactionId.random();
        StunMessage ours = new StunMessage(MessageType.BINDING_SUCCESS, id, List.of(
                new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, V4),
                new AddressAttribute(AttributeType.MAPPED_ADDRESS, V4)), true);
        byte[] wire = StunCodec.encode(ours);

        Message decoded = Message.decode(wire, 0, wire.length);

        XorMappedAddressAttribute xor = (XorMappedAddressAttribute) decoded.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        assertThat(xor.getAddress(decoded.getTransactionID()).getAddress()).isEqualTo(V4.getAddress());
        assertThat(xor.getAddress(decoded.getTransactionID()).getPort()).isEqualTo(V4.getPort());
        assertThat(decoded.getAttribute(Attribute.FINGERPRINT)).isNotNull();
        assertThat(decoded.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
    }

    @Test
    void ice4jDecodesOurTurnPeerAddresses() throws Exception {
        for (InetSocketAddress peer : List.of(V4, V6)) {
            StunMessage ours = new StunMessage(new MessageType(MessageType.METHOD_CHANNEL_BIND, MessageClass.REQUEST),
                    TransactionId.random(), List.of(new AddressAttribute(AttributeType.XOR_PEER_ADDRESS, peer)));
            byte[] wire = StunCodec.encode(ours);

            Message decoded = Message.decode(wire, 0, wire.length);

            XorPeerAddressAttribute xor = (XorPeerAddressAttribute)
                    decoded.getAttribute(Attribute.XOR_PEER_ADDRESS);
            assertThat(xor.getAddress(decoded.getTransactionID()).getAddress()).isEqualTo(peer.getAddress());
            assertThat(xor.getAddress(decoded.getTransactionID()).getPort()).isEqualTo(peer.getPort());
            assertThat(decoded.getMessageType()).isEqualTo(Message.CHANNELBIND_REQUEST);
        }
    }

    @Test
    void weDecodeIce4jMessagesIncludingXorAddressAndFingerprint() throws Exception {
        Request request = MessageFactory.createBindingRequest();
        byte[] txid = new byte[12];
        Arrays.fill(txid, (byte) 7);
        request.setTransactionID(txid);
        ChangeRequestAttribute change = AttributeFactory.createChangeRequestAttribute(false, true);
        request.putAttribute(change);
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        Response response = MessageFactory.createBindingResponse(request, transport(V6));
        response.setTransactionID(txid);
        response.putAttribute(AttributeFactory.createFingerprintAttribute());

        StunMessage decodedRequest = decodeIce4j(request);
        StunMessage decodedResponse = decodeIce4j(response);

        assertThat(decodedRequest.type()).isEqualTo(MessageType.BINDING_REQUEST);
        assertThat(decodedRequest.changeRequest()).isEqualTo(new ChangeRequest(false, true));
        assertThat(decodedRequest.fingerprint()).isTrue();
        assertThat(decodedResponse.type()).isEqualTo(MessageType.BINDING_SUCCESS);
        assertThat(decodedResponse.mappedAddress()).contains(V6);
        assertThat(decodedResponse.fingerprint()).isTrue();
    }

    @Test
    void rejectsShortOrNonStunData() {
        assertMalformed(new byte[19], "shorter than a STUN header");
        byte[] leadingBits = validRequest();
        leadingBits[0] |= (byte) 0x80;
        assertMalformed(leadingBits, "leading bits");
        assertMalformed(null, "no data");
    }

    @Test
    void rejectsLengthFieldThatDisagreesWithTheDatagram() {
        byte[] wire = validRequest();
        wire[3] += 4;
        assertMalformed(wire, "does not match");
        wire[3] -= 2;
        assertMalformed(wire, "not a multiple of 4");
        assertMalformed(Arrays.copyOf(validRequest(), validRequest().length + 4), "does not match");
    }

    @Test
    void rejectsAttributeLengthRunningPastTheEnd() {
        byte[] wire = validRequest();
        wire[StunCodec.HEADER_LENGTH + 3] = 9;
        assertMalformed(wire, "runs past the end");
    }

    @Test
    void rejectsWrongSizedKnownAttributes() {
        assertMalformed(withAttribute(AttributeType.CHANGE_REQUEST, new byte[8]), "CHANGE-REQUEST length");
        assertMalformed(withAttribute(AttributeType.MAPPED_ADDRESS, new byte[] {0, 1, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8}),
                "wrong for family");
        assertMalformed(withAttribute(AttributeType.MAPPED_ADDRESS, new byte[] {0, 3, 0, 1, 1, 2, 3, 4}),
                "unknown address family");
        assertMalformed(withAttribute(AttributeType.UNKNOWN_ATTRIBUTES, new byte[] {0, 1, 0}), "is odd");
        assertMalformed(withAttribute(AttributeType.ERROR_CODE, new byte[] {0, 0, 2, 99}), "ERROR-CODE class");
        assertMalformed(withAttribute(AttributeType.ERROR_CODE, new byte[] {0, 0, 4, 100}), "ERROR-CODE class");
        assertMalformed(withAttribute(AttributeType.SOFTWARE, new byte[] {(byte) 0xC3, 0x28}), "not valid UTF-8");
    }

    @Test
    void rejectsBadOrMisplacedFingerprint() {
        StunMessage message = new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(),
                List.of(ChangeRequest.NONE), true);
        byte[] wire = StunCodec.encode(message);
        byte[] corrupted = wire.clone();
        corrupted[wire.length - 1] ^= 1;
        assertMalformed(corrupted, "FINGERPRINT does not match");

        // A valid FINGERPRINT (computed over the final length) followed by one more attribute.
        byte[] trailing = Arrays.copyOf(wire, wire.length + 8);
        trailing[3] += 8;
        ByteBuffer.wrap(trailing).putShort(wire.length, (short) 0x8055);
        CRC32 crc = new CRC32();
        crc.update(trailing, 0, wire.length - 8);
        ByteBuffer.wrap(trailing).putInt(wire.length - 4, (int) crc.getValue() ^ 0x5354554e);
        assertMalformed(trailing, "after FINGERPRINT");
    }

    @Test
    void keepsUnknownAttributesAsRawBytes() throws Exception {
        StunMessage decoded = StunCodec.decode(withAttribute(AttributeType.RESPONSE_PORT, new byte[] {0x12, 0x34, 0, 0}));

        assertThat(decoded.attributes()).containsExactly(
                new UnrecognisedAttribute(AttributeType.RESPONSE_PORT, new byte[] {0x12, 0x34, 0, 0}));
    }

    @Test
    void rejectsBufferBoundsThatDoNotFitInsteadOfThrowingOutOfBounds() {
        assertThatThrownBy(() -> StunCodec.decode(new byte[30], 20, 20)).isInstanceOf(MalformedStunException.class);
        assertThatThrownBy(() -> StunCodec.decode(new byte[30], -1, 20)).isInstanceOf(MalformedStunException.class);
        assertThatThrownBy(() -> StunCodec.decode(new byte[30], Integer.MAX_VALUE, 20))
                .isInstanceOf(MalformedStunException.class);
    }

    @Test
    void messageTypeInterleavesMethodAndClassBits() {
        assertThat(MessageType.BINDING_REQUEST.toWire()).isEqualTo(0x0001);
        assertThat(MessageType.BINDING_SUCCESS.toWire()).isEqualTo(0x0101);
        assertThat(MessageType.BINDING_ERROR.toWire()).isEqualTo(0x0111);
        for (int wire = 0; wire <= 0x3FFF; wire++) {
            assertThat(MessageType.fromWire(wire).toWire()).isEqualTo(wire);
        }
    }

    private static StunMessage decodeIce4j(Message message) throws MalformedStunException {
        return StunCodec.decode(message.encode(null));
    }

    private static TransportAddress transport(InetSocketAddress address) {
        return new TransportAddress(address.getAddress(), address.getPort(), Transport.UDP);
    }

    private static byte[] validRequest() {
        return StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(),
                List.of(new ChangeRequest(true, true))));
    }

    /** A Binding request with one attribute written by hand (value padded to 4 bytes). */
    private static byte[] withAttribute(int type, byte[] value) {
        int padded = (value.length + 3) & -4;
        ByteBuffer b = ByteBuffer.allocate(StunCodec.HEADER_LENGTH + 4 + padded);
        b.putShort((short) 0x0001).putShort((short) (4 + padded)).put(TransactionId.random().toHeaderBytes());
        b.putShort((short) type).putShort((short) value.length).put(value);
        return b.array();
    }

    private static void assertMalformed(byte[] wire, String messagePart) {
        assertThatThrownBy(() -> StunCodec.decode(wire))
                .isInstanceOf(MalformedStunException.class)
                .hasMessageContaining(messagePart);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
