package im.tandem.client.jingle.provider;

import java.io.IOException;
import java.util.Locale;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.Provider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpCandidateType;

/**
 * Parses one {@code <candidate/>} of the ICE-UDP transport. Required: component, foundation, ip, port, priority,
 * protocol (udp) and type; optional: generation, id, network, and rel-addr with rel-port (both or neither).
 * Any value the candidate would refuse is reported as a {@link JingleParseException} naming the attribute.
 */
public final class IceUdpCandidateProvider extends Provider<IceUdpCandidate> {
    public static final IceUdpCandidateProvider INSTANCE = new IceUdpCandidateProvider();
    private static final String ELEMENT = IceUdpCandidate.ELEMENT;

    @Override
    public IceUdpCandidate parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        String protocol = StrictXml.required(parser, ELEMENT, IceUdpCandidate.ATTR_PROTOCOL);
        // SDP transport tokens are case-insensitive (RFC 8839 §5.1), so "UDP" is accepted too.
        if (!IceUdpCandidate.PROTOCOL_UDP.equals(protocol.toLowerCase(Locale.ROOT))) {
            throw new JingleParseException("<candidate/> attribute 'protocol' must be udp in the ICE-UDP transport, "
                    + "got '" + protocol + "'");
        }
        IceUdpCandidate.Builder candidate = IceUdpCandidate.builder();
        try {
            candidate.component(requiredNumber(parser, IceUdpCandidate.ATTR_COMPONENT))
                    .foundation(StrictXml.required(parser, ELEMENT, IceUdpCandidate.ATTR_FOUNDATION))
                    .ip(StrictXml.required(parser, ELEMENT, IceUdpCandidate.ATTR_IP))
                    .port(requiredNumber(parser, IceUdpCandidate.ATTR_PORT))
                    .priority(requiredNumber(parser, IceUdpCandidate.ATTR_PRIORITY))
                    .type(IceUdpCandidateType.fromXml(StrictXml.required(parser, ELEMENT, IceUdpCandidate.ATTR_TYPE)))
                    .id(StrictXml.optional(parser, IceUdpCandidate.ATTR_ID));
            String generation = StrictXml.optional(parser, IceUdpCandidate.ATTR_GENERATION);
            if (generation != null) {
                candidate.generation(StrictXml.number(generation, ELEMENT, IceUdpCandidate.ATTR_GENERATION));
            }
            String network = StrictXml.optional(parser, IceUdpCandidate.ATTR_NETWORK);
            if (network != null) {
                candidate.network(StrictXml.number(network, ELEMENT, IceUdpCandidate.ATTR_NETWORK));
            }
            readRelated(parser, candidate);
            StrictXml.requireEmpty(parser, initialDepth, ELEMENT);
            return candidate.build();
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }

    private static void readRelated(XmlPullParser parser, IceUdpCandidate.Builder candidate)
            throws JingleParseException {
        String address = StrictXml.optional(parser, IceUdpCandidate.ATTR_REL_ADDR);
        String port = StrictXml.optional(parser, IceUdpCandidate.ATTR_REL_PORT);
        if ((address == null) != (port == null)) {
            throw new JingleParseException("<candidate/> attributes 'rel-addr' and 'rel-port' come together, got only '"
                    + (address == null ? IceUdpCandidate.ATTR_REL_PORT : IceUdpCandidate.ATTR_REL_ADDR) + "'");
        }
        if (address != null) {
            candidate.related(address, StrictXml.number(port, ELEMENT, IceUdpCandidate.ATTR_REL_PORT));
        }
    }

    private static long requiredNumber(XmlPullParser parser, String name) throws JingleParseException {
        return StrictXml.number(StrictXml.required(parser, ELEMENT, name), ELEMENT, name);
    }
}
