package im.tandem.openfire.delivery;

/** How an attempt went. A failure that may pass (a server down) is retried; one that will not is final. */
public record SendResult(Status status, String detail) {
    public enum Status {
        SENT,
        TRY_AGAIN,
        GIVE_UP
    }

    public static SendResult sent() {
        return new SendResult(Status.SENT, "");
    }

    public static SendResult tryAgain(String reason) {
        return new SendResult(Status.TRY_AGAIN, reason);
    }

    public static SendResult giveUp(String reason) {
        return new SendResult(Status.GIVE_UP, reason);
    }
}
