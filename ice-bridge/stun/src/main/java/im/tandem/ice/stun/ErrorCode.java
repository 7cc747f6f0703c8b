package im.tandem.ice.stun;

import java.nio.charset.StandardCharsets;

/** ERROR-CODE (RFC 5389 section 15.6): a code from 300 to 699 and a reason phrase. */
public record ErrorCode(int code, String reason) implements StunAttribute {
    public static final int UNKNOWN_ATTRIBUTE = 420;

    static final int MIN_CODE = 300;
    static final int MAX_CODE = 699;
    /** RFC 5389 section 15.6: the reason phrase is at most 763 bytes of UTF-8. */
    static final int MAX_REASON_BYTES = 763;

    public ErrorCode {
        if (code < MIN_CODE || code > MAX_CODE) {
            throw new IllegalArgumentException("error code out of range 300-699: " + code);
        }
        if (reason == null || reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason phrase missing or longer than 763 bytes");
        }
    }

    @Override
    public int type() {
        return AttributeType.ERROR_CODE;
    }
}
