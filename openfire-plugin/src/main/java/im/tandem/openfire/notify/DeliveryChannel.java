package im.tandem.openfire.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a user outside XMPP. The id is what forms and the database use. */
public enum DeliveryChannel {
    EMAIL("email"),
    SMS("sms");

    private final String id;

    DeliveryChannel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<DeliveryChannel> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(channel -> channel.id.equals(wanted)).findFirst();
    }
}
