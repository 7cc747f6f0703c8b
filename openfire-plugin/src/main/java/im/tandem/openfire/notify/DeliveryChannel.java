package im.tandem.openfire.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.limits.LimitConfig;

/** A way to reach a user outside XMPP. The id is what forms and the database use. */
public enum DeliveryChannel {
    EMAIL("email", false, "Email"),
    SMS("sms", true, "SMS"),
    /** A PDF page to a fax number, through an email-to-fax or HTTP fax gateway. */
    FAX("fax", true, "A fax");

    private final String id;
    private final boolean paid;
    private final String sentenceSubject;

    DeliveryChannel(String id, boolean paid, String sentenceSubject) {
        this.id = id;
        this.paid = paid;
        this.sentenceSubject = sentenceSubject;
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

    /** How a sentence about sending by this channel starts: "A fax to +49... is not allowed". */
    public String sentenceSubject() {
        return sentenceSubject;
    }

    /** The country codes this channel may go to, where the admin limits them (the paid channels). */
    public Optional<CountryAllowList> allowedDestinations(LimitConfig limits) {
        return switch (this) {
            case EMAIL -> Optional.empty();
            case SMS -> Optional.of(limits.smsAllowList());
            case FAX -> Optional.of(limits.faxAllowList());
        };
    }

    /** How many digests one user may receive by this channel in a day. */
    public int dailyCap(LimitConfig limits) {
        return switch (this) {
            case EMAIL -> limits.emailDailyCap();
            case SMS -> limits.smsDailyCap();
            case FAX -> limits.faxDailyCap();
        };
    }

    public static Optional<DeliveryChannel> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(channel -> channel.id.equals(wanted)).findFirst();
    }
}
