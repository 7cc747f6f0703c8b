package im.tandem.ice.stun;

import java.util.List;

/** UNKNOWN-ATTRIBUTES (RFC 5389 section 15.9): the comprehension-required types a 420 error refers to. */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {
    private static final int MAX_TYPE = 0xFFFF;

    public UnknownAttributes {
        types = List.copyOf(types);
        for (int t : types) {
            if (t < 0 || t > MAX_TYPE) {
                throw new IllegalArgumentException("attribute type out of range: " + t);
            }
        }
    }

    @Override
    public int type() {
        return AttributeType.UNKNOWN_ATTRIBUTES;
    }
}
