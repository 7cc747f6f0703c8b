package im.tandem.openfire.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a user outside XMPP. The id is what forms and the database use. */
public enum DeliveryChannel {
    EMAIL("email", false),
    SMS("sms", true),
    /** A PDF page to a fax number, through an email-to-fax or HTTP fax gateway. */
    FAX("fax", true);

    private final String id;
    private final boolean paid;

    DeliveryChannel(String id, boolean paid) {
        this.id = id;
        this.paid = paid;
    }

    public String id() {
        return id;
    }

    /**
     * Whether each message costs money (a gateway bills it): such channels take messages from non-contacts only
     * when the user allows it, and go only to the country codes the admin allows.
     */
    public boolean paid() {
        return paid;
    }

    public static Optional<DeliveryChannel> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(channel -> channel.id.equals(wanted)).findFirst();
    }
}
