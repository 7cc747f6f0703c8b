package im.tandem.openfire.notify;

/** What a user's request came to, in words for the user: done, or refused and why. */
public record Reply(boolean ok, String text) {
    public static Reply done(String text) {
        return new Reply(true, text);
    }

    public static Reply refused(String text) {
        return new Reply(false, text);
    }
}
