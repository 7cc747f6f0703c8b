package im.tandem.openfire.delivery;

import java.util.Arrays;

/** Where a delivery is in its life; the id is the database value. */
public enum DeliveryState {
    /** Waiting for its hold-off to end; a digest still takes new messages. */
    HOLDING("holding"),
    /** Waiting to be tried again (after a failure, or deferred by quiet hours or the global cap). */
    RETRY("retry"),
    /** Claimed by a worker until its lease ends. */
    SENDING("sending"),
    SENT("sent"),
    /** Gave up: the reason is kept in lastError. */
    FAILED("failed"),
    /** Not needed any more: the user came online or switched delivery off. */
    CANCELLED("cancelled");

    private final String id;

    DeliveryState(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static DeliveryState byId(String id) {
        return Arrays.stream(values()).filter(state -> state.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown delivery state '" + id + "'"));
    }
}
