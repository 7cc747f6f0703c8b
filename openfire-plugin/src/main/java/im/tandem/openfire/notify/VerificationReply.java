package im.tandem.openfire.notify;

/**
 * What a step of verifying an address (sending a code, confirming it) came to, in words for the user: done, or
 * refused and why.
 */
public record VerificationReply(boolean ok, String text) {
    public static VerificationReply done(String text) {
        return new VerificationReply(true, text);
    }

    public static VerificationReply refused(String text) {
        return new VerificationReply(false, text);
    }
}
