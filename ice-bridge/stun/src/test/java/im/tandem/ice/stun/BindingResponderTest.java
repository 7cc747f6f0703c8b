package im.tandem.ice.stun;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BindingResponderTest {
    private static final int PORT = 3478;
    private static final InetSocketAddress CLIENT = new InetSocketAddress(LoopbackPorts.PRIMARY, 40000);
    private static final StunServerConfig TWO_ADDRESSES = StunServerConfig.builder()
            .primaryAddress(LoopbackPorts.PRIMARY).primaryPort(PORT).alternateAddress(LoopbackPorts.ALTERNATE)
            .build();
    private static final StunServerConfig ONE_ADDRESS = StunServerConfig.builder()
            .primaryAddress(LoopbackPorts.PRIMARY).primaryPort(PORT).build();

    private final StunCounters counters = new StunCounters();

    @Test
    void modernRequestGetsXorMappedMappedResponseOriginAndOtherAddress() throws Exception {
        StunMessage request = request(TransactionId.random(), List.of());

        Reply reply = handle(TWO_ADDRESSES, request, SocketRole.PRIMARY).orElseThrow();
        StunMessage response = StunCodec.decode(reply.datagram());

        assertThat(reply.sendFrom()).isEqualTo(SocketRole.PRIMARY);
        assertThat(response.type()).isEqualTo(MessageType.BINDING_SUCCESS);
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.address(AttributeType.XOR_MAPPED_ADDRESS)).contains(CLIENT);
        assertThat(response.address(AttributeType.MAPPED_ADDRESS)).contains(CLIENT);
        assertThat(response.address(AttributeType.RESPONSE_ORIGIN)).contains(at(LoopbackPorts.PRIMARY, PORT));
        assertThat(response.address(AttributeType.OTHER_ADDRESS)).contains(at(LoopbackPorts.ALTERNATE, PORT + 1));
        assertThat(response.address(AttributeType.SOURCE_ADDRESS)).isEmpty();
        assertThat(response.fingerprint()).isFalse();
        assertThat(counters.snapshot()).isEqualTo(new StunServerStatistics(1, 1, 0, 0));
    }

    @Test
    void classicRequestGetsClassicAttributesAndItsOwn128BitId() throws Exception {
        StunMessage request = request(TransactionId.randomClassic(), List.of(ChangeRequest.NONE));

        StunMessage response = StunCodec.decode(handle(TWO_ADDRESSES, request, SocketRole.PRIMARY)
                .orElseThrow().datagram());

        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.address(AttributeType.MAPPED_ADDRESS)).contains(CLIENT);
        assertThat(response.address(AttributeType.SOURCE_ADDRESS)).contains(at(LoopbackPorts.PRIMARY, PORT));
        assertThat(response.address(AttributeType.CHANGED_ADDRESS)).contains(at(LoopbackPorts.ALTERNATE, PORT + 1));
        assertThat(response.address(AttributeType.XOR_MAPPED_ADDRESS)).isEmpty();
        assertThat(response.address(AttributeType.RESPONSE_ORIGIN)).isEmpty();
    }

    @Test
    void changeRequestIsAnsweredFromTheChangedSocketRelativeToTheReceivingOne() throws Exception {
        SocketRole receivedOn = new SocketRole(true, false);
        StunMessage request = request(TransactionId.random(), List.of(new ChangeRequest(true, true)));

        Reply reply = handle(TWO_ADDRESSES, request, receivedOn).orElseThrow();
        StunMessage response = StunCodec.decode(reply.datagram());

        assertThat(reply.sendFrom()).isEqualTo(new SocketRole(false, true));
        assertThat(response.address(AttributeType.RESPONSE_ORIGIN)).contains(at(LoopbackPorts.PRIMARY, PORT + 1));
        assertThat(response.address(AttributeType.OTHER_ADDRESS)).contains(at(LoopbackPorts.PRIMARY, PORT + 1));

        Reply portOnly = handle(TWO_ADDRESSES, request(TransactionId.random(), List.of(new ChangeRequest(false, true))),
                SocketRole.PRIMARY).orElseThrow();
        assertThat(portOnly.sendFrom()).isEqualTo(new SocketRole(false, true));
    }

    @Test
    void singleAddressServerAnswers420ForAChangeButNotForAnEmptyChangeRequest() throws Exception {
        StunMessage change = request(TransactionId.random(), List.of(new ChangeRequest(false, true)));

        StunMessage refused = StunCodec.decode(handle(ONE_ADDRESS, change, SocketRole.PRIMARY).orElseThrow().datagram());
        StunMessage plain = StunCodec.decode(handle(ONE_ADDRESS, request(TransactionId.random(),
                List.of(ChangeRequest.NONE)), SocketRole.PRIMARY).orElseThrow().datagram());

        assertThat(refused.type()).isEqualTo(MessageType.BINDING_ERROR);
        assertThat(refused.first(ErrorCode.class).orElseThrow().code()).isEqualTo(420);
        assertThat(refused.first(UnknownAttributes.class).orElseThrow().types())
                .containsExactly(AttributeType.CHANGE_REQUEST);
        assertThat(plain.type()).isEqualTo(MessageType.BINDING_SUCCESS);
        assertThat(plain.address(AttributeType.OTHER_ADDRESS)).isEmpty();
    }

    @Test
    void redirectionAndPaddingRequestsAreRefusedWith420NamingThem() throws Exception {
        StunMessage request = request(TransactionId.random(), List.of(
                new UnrecognisedAttribute(AttributeType.RESPONSE_PORT, new byte[] {0x30, 0x39, 0, 0}),
                new UnrecognisedAttribute(AttributeType.PADDING, new byte[400]),
                new UnrecognisedAttribute(0x8077, new byte[4])));

        Reply reply = handle(TWO_ADDRESSES, request, SocketRole.PRIMARY).orElseThrow();
        StunMessage response = StunCodec.decode(reply.datagram());

        assertThat(reply.sendFrom()).isEqualTo(SocketRole.PRIMARY);
        assertThat(response.first(ErrorCode.class).orElseThrow().code()).isEqualTo(ErrorCode.UNKNOWN_ATTRIBUTE);
        assertThat(response.first(UnknownAttributes.class).orElseThrow().types())
                .containsExactly(AttributeType.RESPONSE_PORT, AttributeType.PADDING);
    }

    @Test
    void fingerprintIsMirroredForModernClientsOnly() throws Exception {
        StunMessage modern = new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(), List.of(), true);
        StunMessage classic = new StunMessage(MessageType.BINDING_REQUEST, TransactionId.randomClassic(), List.of(), true);

        assertThat(StunCodec.decode(handle(TWO_ADDRESSES, modern, SocketRole.PRIMARY).orElseThrow().datagram())
                .fingerprint()).isTrue();
        assertThat(StunCodec.decode(handle(TWO_ADDRESSES, classic, SocketRole.PRIMARY).orElseThrow().datagram())
                .fingerprint()).isFalse();
    }

    @Test
    void responsesIndicationsAndGarbageAreDroppedAndCounted() {
        StunMessage response = new StunMessage(MessageType.BINDING_SUCCESS, TransactionId.random(), List.of());
        StunMessage indication = new StunMessage(new MessageType(MessageType.METHOD_BINDING, MessageClass.INDICATION),
                TransactionId.random(), List.of());

        assertThat(handle(TWO_ADDRESSES, response, SocketRole.PRIMARY)).isEmpty();
        assertThat(handle(TWO_ADDRESSES, indication, SocketRole.PRIMARY)).isEmpty();
        assertThat(responder(TWO_ADDRESSES, RateLimit.DEFAULT).handle(new byte[] {1, 2, 3}, 3, CLIENT,
                SocketRole.PRIMARY)).isEmpty();
        assertThat(counters.snapshot()).isEqualTo(new StunServerStatistics(3, 0, 3, 0));
    }

    @Test
    void sourceOverItsBurstIsDroppedAndCountedUntilTokensRefill() {
        BindingResponder responder = responder(TWO_ADDRESSES, new RateLimit(1, 2, 10));
        byte[] wire = StunCodec.encode(request(TransactionId.random(), List.of()));

        assertThat(responder.handle(wire, wire.length, CLIENT, SocketRole.PRIMARY)).isPresent();
        assertThat(responder.handle(wire, wire.length, CLIENT, SocketRole.PRIMARY)).isPresent();
        assertThat(responder.handle(wire, wire.length, CLIENT, SocketRole.PRIMARY)).isEmpty();

        assertThat(counters.snapshot()).isEqualTo(new StunServerStatistics(3, 2, 0, 1));
    }

    @Test
    void largestPossibleResponseStaysWithinTheDocumentedBound() throws Exception {
        StunServerConfig v6 = StunServerConfig.builder()
                .primaryAddress(InetAddress.getByName("2001:db8::1"))
                .alternateAddress(InetAddress.getByName("2001:db8::2")).build();
        InetSocketAddress v6Client = new InetSocketAddress(InetAddress.getByName("2001:db8::99"), 1);
        byte[] wire = StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(), List.of(),
                true));

        Reply reply = responder(v6, RateLimit.DEFAULT).handle(wire, wire.length, v6Client, SocketRole.PRIMARY)
                .orElseThrow();

        assertThat(reply.datagram().length).isEqualTo(124).isLessThanOrEqualTo(BindingResponder.MAX_RESPONSE_BYTES);
    }

    private Optional<Reply> handle(StunServerConfig config, StunMessage request, SocketRole receivedOn) {
        byte[] wire = StunCodec.encode(request);
        return responder(config, RateLimit.DEFAULT).handle(wire, wire.length, CLIENT, receivedOn);
    }

    private BindingResponder responder(StunServerConfig config, RateLimit limit) {
        return new BindingResponder(config, new SourceRateLimiter(limit, () -> 0L), counters);
    }

    private static StunMessage request(TransactionId id, List<StunAttribute> attributes) {
        return new StunMessage(MessageType.BINDING_REQUEST, id, attributes);
    }

    private static InetSocketAddress at(InetAddress address, int port) {
        return new InetSocketAddress(address, port);
    }
}
