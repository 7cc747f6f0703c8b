package im.tandem.client.jingle.element;

/**
 * One side's ICE user fragment and password (the transport's {@code ufrag} and {@code pwd} attributes), with the
 * lengths RFC 8445 §5.3 requires: the password's 22 characters carry the 128 bits of randomness that keep an
 * off-path attacker from forging connectivity checks.
 */
public record IceCredentials(String ufrag, String pwd) {
    /** RFC 8445 §5.3: at least 24 bits of randomness, i.e. four ice-chars. */
    public static final int UFRAG_MIN_LENGTH = 4;
    /** RFC 8445 §5.3: at least 128 bits of randomness, i.e. 22 ice-chars. */
    public static final int PWD_MIN_LENGTH = 22;
    /** RFC 8839 §5.4 caps both at 256 characters. */
    public static final int MAX_LENGTH = 256;

    public IceCredentials {
        IceChars.require(ufrag, "transport attribute '" + IceUdpTransport.ATTR_UFRAG + "'", UFRAG_MIN_LENGTH,
                MAX_LENGTH);
        IceChars.require(pwd, "transport attribute '" + IceUdpTransport.ATTR_PWD + "'", PWD_MIN_LENGTH, MAX_LENGTH);
    }

    /** Never prints the password, which authenticates connectivity checks. */
    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=(" + pwd.length() + " characters)]";
    }
}
