package im.tandem.client.notify;

/** A way the server can reach the user outside XMPP; the id is what the server's forms use. */
public enum NotifyChannel {
    EMAIL("email"),
    SMS("sms"),
    FAX("fax");

    private final String id;

    NotifyChannel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
