package im.tandem.ice.session;

import java.util.Locale;

/** ICE candidate types (RFC 8445 5.1.1), named as XEP-0176 and SDP write them. */
public enum CandidateType {
    HOST,
    SRFLX,
    PRFLX,
    RELAY;

    /** The wire name: {@code host}, {@code srflx}, {@code prflx} or {@code relay}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for any other name */
    public static CandidateType fromWireName(String name) {
        for (CandidateType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("candidate type must be host, srflx, prflx or relay, was '" + name + "'");
    }
}
