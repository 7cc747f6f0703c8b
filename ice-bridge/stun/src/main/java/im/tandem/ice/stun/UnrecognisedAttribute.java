package im.tandem.ice.stun;

import java.util.Arrays;

/**
 * An attribute this codec has no model for, kept as raw bytes so that a server can tell whether it was
 * comprehension-required (and answer 420) and a client can simply ignore it.
 */
public record UnrecognisedAttribute(int type, byte[] value) implements StunAttribute {
    private static final int MAX_TYPE = 0xFFFF;

    public UnrecognisedAttribute {
        if (type < 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("attribute type out of range: " + type);
        }
        if (AttributeType.isModelled(type)) {
            throw new IllegalArgumentException("attribute type 0x" + Integer.toHexString(type) + " has its own class");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnrecognisedAttribute other && type == other.type && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UnrecognisedAttribute[type=0x" + Integer.toHexString(type) + ", length=" + value.length + "]";
    }
}
