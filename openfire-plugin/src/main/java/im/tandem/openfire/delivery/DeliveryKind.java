package im.tandem.openfire.delivery;

import java.util.Arrays;

/** What a delivery carries; the id is the database value. */
public enum DeliveryKind {
    /** A summary of messages that arrived while the user was offline. */
    DIGEST("digest"),
    /** A one-time code proving an address; its text is fixed when it is queued. */
    CODE("code");

    private final String id;

    DeliveryKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static DeliveryKind byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown delivery kind '" + id + "'"));
    }
}
