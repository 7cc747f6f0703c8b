package im.tandem.client.jingle.element;

/**
 * Which side starts the secure handshake (the {@code setup} attribute of XEP-0320, RFC 4145 roles): the
 * initiator offers {@link #ACTPASS}, the responder answers {@link #ACTIVE} or {@link #PASSIVE}. RFC 4145's
 * "holdconn" is refused, as XEP-0320 defines no mapping for it.
 */
public enum DtlsSetup {
    ACTIVE("active"),
    PASSIVE("passive"),
    ACTPASS("actpass");

    private final String xml;

    DtlsSetup(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }

    /**
     * @throws IllegalArgumentException listing the accepted values
     */
    public static DtlsSetup fromXml(String value) {
        for (DtlsSetup setup : values()) {
            if (setup.xml.equals(value)) {
                return setup;
            }
        }
        throw new IllegalArgumentException("fingerprint attribute 'setup' must be active, passive or actpass, got '"
                + value + "'");
    }
}
