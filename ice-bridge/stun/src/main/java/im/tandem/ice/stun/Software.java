package im.tandem.ice.stun;

import java.nio.charset.StandardCharsets;

/** SOFTWARE (RFC 5389 section 15.10): a free-text description of the sender's software. */
public record Software(String description) implements StunAttribute {
    /** RFC 5389 section 15.10: at most 763 bytes of UTF-8. */
    static final int MAX_BYTES = 763;

    public Software {
        if (description == null || description.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("software description missing or longer than 763 bytes");
        }
    }

    @Override
    public int type() {
        return AttributeType.SOFTWARE;
    }
}
