package im.tandem.client.file.element;

/**
 * The kinds of XEP-0260 candidate, with the type preference the XEP suggests for the priority formula
 * {@code priority = 2^16 * typePreference + localPreference}.
 */
public enum S5bCandidateType {
    DIRECT("direct", 126),
    ASSISTED("assisted", 120),
    TUNNEL("tunnel", 110),
    PROXY("proxy", 10);

    /** The candidate's type when the attribute is absent (XEP-0260's schema default). */
    public static final S5bCandidateType DEFAULT = DIRECT;
    /** The local preference ranges over 16 bits. */
    public static final int MAX_LOCAL_PREFERENCE = 0xFFFF;

    private final String xml;
    private final int typePreference;

    S5bCandidateType(String xml, int typePreference) {
        this.xml = xml;
        this.typePreference = typePreference;
    }

    public String xml() {
        return xml;
    }

    /** XEP-0260's priority for a candidate of this type with the given local preference (0 to 65535). */
    public long priority(int localPreference) {
        if (localPreference < 0 || localPreference > MAX_LOCAL_PREFERENCE) {
            throw new IllegalArgumentException("a local preference is 0 to " + MAX_LOCAL_PREFERENCE + ", got "
                    + localPreference);
        }
        return ((long) typePreference << 16) + localPreference;
    }

    /**
     * @throws IllegalArgumentException naming the allowed values
     */
    public static S5bCandidateType fromXml(String value) {
        for (S5bCandidateType type : values()) {
            if (type.xml.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("<candidate/> attribute 'type' must be assisted, direct, proxy or tunnel, "
                + "got '" + value + "'");
    }
}
