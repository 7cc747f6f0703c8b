package im.tandem.ice.stun;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * One immutable STUN message. Attributes keep their wire order; lookups return the first of a type because
 * RFC 5389 section 15 says only the first occurrence counts.
 *
 * @param fingerprint whether a FINGERPRINT attribute ends the message (checked when decoding, computed when encoding)
 */
public record StunMessage(MessageType type, TransactionId transactionId, List<StunAttribute> attributes,
                          boolean fingerprint) {

    public StunMessage {
        if (type == null || transactionId == null || attributes == null) {
            throw new IllegalArgumentException("type, transactionId and attributes are required");
        }
        attributes = List.copyOf(attributes);
    }

    public StunMessage(MessageType type, TransactionId transactionId, List<StunAttribute> attributes) {
        this(type, transactionId, attributes, false);
    }

    /** The first attribute of the given class, if any. */
    public <T extends StunAttribute> Optional<T> first(Class<T> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The address carried by the first attribute of the given address type, if any. */
    public Optional<InetSocketAddress> address(int attributeType) {
        return attributes.stream()
                .filter(a -> a instanceof AddressAttribute && a.type() == attributeType)
                .map(a -> ((AddressAttribute) a).address())
                .findFirst();
    }

    /**
     * The bytes of the first attribute of the given type that the codec keeps as it came (an
     * {@link UnrecognisedAttribute}: USERNAME, REALM, NONCE, LIFETIME and the like), if any.
     */
    public Optional<byte[]> rawValue(int attributeType) {
        return attributes.stream()
                .filter(a -> a instanceof UnrecognisedAttribute && a.type() == attributeType)
                .map(a -> ((UnrecognisedAttribute) a).value())
                .findFirst();
    }

    /** The reflexive address: XOR-MAPPED-ADDRESS if present, else MAPPED-ADDRESS (classic servers send only that). */
    public Optional<InetSocketAddress> mappedAddress() {
        return address(AttributeType.XOR_MAPPED_ADDRESS).or(() -> address(AttributeType.MAPPED_ADDRESS));
    }

    /** The address a change-IP-and-port answer would come from: OTHER-ADDRESS (RFC 5780) or CHANGED-ADDRESS (RFC 3489). */
    public Optional<InetSocketAddress> otherAddress() {
        return address(AttributeType.OTHER_ADDRESS).or(() -> address(AttributeType.CHANGED_ADDRESS));
    }

    /** The CHANGE-REQUEST, or {@link ChangeRequest#NONE} when absent. */
    public ChangeRequest changeRequest() {
        return first(ChangeRequest.class).orElse(ChangeRequest.NONE);
    }
}
