package im.tandem.ice.stun;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one received datagram into at most one reply: the server's whole protocol logic, free of sockets so it
 * can be fuzzed. It never throws for any input; everything it drops is counted.
 *
 * <p>Anti-abuse choices:
 * <ul>
 *   <li>Replies only ever go to the request's source ({@link Reply} has no destination). RESPONSE-ADDRESS
 *       (RFC 3489) and RESPONSE-PORT (RFC 5780) are comprehension-required attributes this server does not
 *       implement, so a request carrying them gets error 420 naming them, which tells the client plainly that
 *       the redirection was not done. PADDING (RFC 5780), which asks for a larger response, is refused the same way.</li>
 *   <li>A reply is never larger than {@link #MAX_RESPONSE_BYTES} (124 bytes is the largest possible: an IPv6
 *       success answer with four addresses and FINGERPRINT). No SOFTWARE attribute is sent, to keep answers
 *       small. The smallest request is 20 bytes, so the worst byte amplification is about 6x, and only ever
 *       towards a source that is also rate limited.</li>
 *   <li>Every datagram costs its source IP a token before it is even parsed.</li>
 * </ul>
 */
public final class BindingResponder {
    /** The documented upper bound on any reply, see the class comment. */
    public static final int MAX_RESPONSE_BYTES = 128;
    /**
     * Most unknown attribute types a 420 lists; keeps an error reply within {@link #MAX_RESPONSE_BYTES} however
     * many a request carries (a client needs only the first to know its request was refused).
     */
    static final int MAX_LISTED_UNKNOWN = 8;
    private static final String REASON_UNKNOWN_ATTRIBUTE = "Unknown Attribute";

    private final StunServerConfig config;
    private final SourceRateLimiter rateLimiter;
    private final StunCounters counters;

    BindingResponder(StunServerConfig config, SourceRateLimiter rateLimiter, StunCounters counters) {
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.counters = counters;
    }

    /** Handles {@code length} bytes of {@code data} received from {@code source} on the socket {@code receivedOn}. */
    public Optional<Reply> handle(byte[] data, int length, InetSocketAddress source, SocketRole receivedOn) {
        counters.request();
        if (!rateLimiter.tryAcquire(source.getAddress())) {
            counters.rateLimited();
            return Optional.empty();
        }
        StunMessage request;
        try {
            request = StunCodec.decode(data, 0, length);
        } catch (MalformedStunException e) {
            counters.malformed();
            return Optional.empty();
        }
        if (!request.type().equals(MessageType.BINDING_REQUEST)) {
            // Responses and indications are never answered; other methods belong to TURN, which we are not.
            counters.malformed();
            return Optional.empty();
        }
        Reply reply = respond(request, source, receivedOn);
        counters.answered();
        return Optional.of(reply);
    }

    private Reply respond(StunMessage request, InetSocketAddress source, SocketRole receivedOn) {
        List<Integer> unknown = unknownRequiredAttributes(request);
        ChangeRequest change = request.changeRequest();
        if (unknown.isEmpty() && change.changesAnything() && !config.hasAlternate()) {
            // RFC 5780 section 6.1: without a second address the server cannot honour CHANGE-REQUEST.
            unknown = List.of(AttributeType.CHANGE_REQUEST);
        }
        if (!unknown.isEmpty()) {
            return new Reply(receivedOn, StunCodec.encode(unknownAttributeError(request, unknown)));
        }
        SocketRole sendFrom = receivedOn.changedBy(change);
        return new Reply(sendFrom, StunCodec.encode(success(request, source, receivedOn, sendFrom)));
    }

    private static List<Integer> unknownRequiredAttributes(StunMessage request) {
        return request.attributes().stream()
                .filter(a -> a instanceof UnrecognisedAttribute && AttributeType.isComprehensionRequired(a.type()))
                .map(StunAttribute::type)
                .distinct()
                .limit(MAX_LISTED_UNKNOWN)
                .toList();
    }

    private StunMessage success(StunMessage request, InetSocketAddress source, SocketRole receivedOn,
                                SocketRole sendFrom) {
        List<StunAttribute> attributes = new ArrayList<>();
        InetSocketAddress origin = config.socketAddress(sendFrom);
        boolean modern = request.transactionId().isRfc5389();
        if (modern) {
            attributes.add(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, source));
        }
        attributes.add(new AddressAttribute(AttributeType.MAPPED_ADDRESS, source));
        attributes.add(new AddressAttribute(modern ? AttributeType.RESPONSE_ORIGIN : AttributeType.SOURCE_ADDRESS,
                origin));
        if (config.hasAlternate()) {
            attributes.add(new AddressAttribute(modern ? AttributeType.OTHER_ADDRESS : AttributeType.CHANGED_ADDRESS,
                    config.socketAddress(receivedOn.other())));
        }
        return new StunMessage(MessageType.BINDING_SUCCESS, request.transactionId(), attributes,
                modern && request.fingerprint());
    }

    private static StunMessage unknownAttributeError(StunMessage request, List<Integer> unknown) {
        List<StunAttribute> attributes = List.of(
                new ErrorCode(ErrorCode.UNKNOWN_ATTRIBUTE, REASON_UNKNOWN_ATTRIBUTE),
                new UnknownAttributes(unknown));
        return new StunMessage(MessageType.BINDING_ERROR, request.transactionId(), attributes,
                request.transactionId().isRfc5389() && request.fingerprint());
    }
}
