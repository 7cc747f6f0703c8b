package im.tandem.client.jingle.element;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The ICE candidate types (RFC 8445 §5.1.1) that a UDP candidate can have. XEP-0176's TCP types (tcp-active,
 * tcp-passive, tcp-so) belong to ICE-TCP and are refused, since the ICE-UDP transport carries UDP only.
 */
public enum IceUdpCandidateType {
    HOST("host"),
    PEER_REFLEXIVE("prflx"),
    SERVER_REFLEXIVE("srflx"),
    RELAYED("relay");

    private final String xml;

    IceUdpCandidateType(String xml) {
        this.xml = xml;
    }

    /** The value of the candidate's {@code type} attribute. */
    public String xml() {
        return xml;
    }

    /**
     * Reads a {@code type} attribute.
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static IceUdpCandidateType fromXml(String value) {
        for (IceUdpCandidateType type : values()) {
            if (type.xml.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("candidate attribute 'type' must be one of "
                + Arrays.stream(values()).map(IceUdpCandidateType::xml).collect(Collectors.joining(", "))
                + ", got '" + value + "'");
    }
}
