package im.tandem.openfire.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a user outside XMPP. The id is what forms and the database use. */
public enum Channel {
    EMAIL("email"),
    SMS("sms");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Channel> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(channel -> channel.id.equals(wanted)).findFirst();
    }
}
