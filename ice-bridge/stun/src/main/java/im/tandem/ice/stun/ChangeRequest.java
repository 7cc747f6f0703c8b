package im.tandem.ice.stun;

/** CHANGE-REQUEST (RFC 3489 section 11.2.4, RFC 5780 section 7.2): answer from another IP and/or port. */
public record ChangeRequest(boolean changeIp, boolean changePort) implements StunAttribute {
    static final int FLAG_CHANGE_IP = 0x04;
    static final int FLAG_CHANGE_PORT = 0x02;

    public static final ChangeRequest NONE = new ChangeRequest(false, false);

    @Override
    public int type() {
        return AttributeType.CHANGE_REQUEST;
    }

    public boolean changesAnything() {
        return changeIp || changePort;
    }

    int flags() {
        return (changeIp ? FLAG_CHANGE_IP : 0) | (changePort ? FLAG_CHANGE_PORT : 0);
    }
}
