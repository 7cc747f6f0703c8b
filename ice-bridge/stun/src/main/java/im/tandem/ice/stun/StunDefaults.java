package im.tandem.ice.stun;

/** Defaults shared by the STUN server and clients. */
public final class StunDefaults {
    /** RFC 5389 section 18.4: the registered "stun" UDP port, so clients find us without configuration. */
    public static final int PORT = 3478;

    private StunDefaults() {
    }
}
